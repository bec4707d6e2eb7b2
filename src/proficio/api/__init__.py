"""The JSON API described in docs/api.md, served under /api/v1 with its OpenAPI document."""
