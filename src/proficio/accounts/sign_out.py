"""Signing out: one API token, every token of an account, or every browser and app at once."""

from django.db import transaction
from django.db.models import F

from .models import ApiToken, User
from .tokens import token_digest


def end_token(*, token: str) -> None:
    """The token stops working at once (the API's sign out)."""
    ApiToken.objects.filter(digest=token_digest(token)).delete()


def end_every_token(*, user: User) -> int:
    """Every API token of the account stops working; returns how many there were."""
    ended, _ = ApiToken.objects.filter(user=user).delete()
    return ended


def sign_out_everywhere(*, user: User) -> int:
    """Every browser signed in as the user and every API token of the account are signed out.

    The browser asking can keep its sign-in with `update_session_auth_hash`. Returns how many
    API tokens ended."""
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(session_generation=F("session_generation") + 1)
        user.refresh_from_db(fields=["session_generation"])
        return end_every_token(user=user)
