"""The address a request came from, as the sign-in and join-code limits count it."""

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """REMOTE_ADDR; behind a proxy (PROFICIO_TRUSTED_PROXY=1), the last address of
    X-Forwarded-For: the one that proxy saw. Earlier entries are whatever the client sent."""
    if settings.TRUSTED_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        if forwarded:
            return forwarded[:45]
    return str(request.META.get("REMOTE_ADDR") or "")[:45]
