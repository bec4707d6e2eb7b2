"""The JSON API of spec/api.md, served under /api/v1 with its OpenAPI document."""
