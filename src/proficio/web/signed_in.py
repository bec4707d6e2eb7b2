"""The account behind a page that requires signing in."""

from django.http import HttpRequest

from proficio.accounts.api import signed_in_account
from proficio.accounts.models import User


def signed_in(request: HttpRequest) -> User:
    return signed_in_account(request.user)
