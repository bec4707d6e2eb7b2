"""Guessing passwords is slowed down without letting strangers lock anyone out.

Every password typed is counted (guess_limits) before it is checked, in three scopes:
- one username from one address: 10 wrong in 15 minutes pause that address for that username,
  so a stranger elsewhere cannot pause a learner at school;
- one address, every username: 300, generous because a school's learners share one address;
- one username from everywhere: 100, against guessing from many addresses. A browser that has
  signed in to the username before (its known-device cookie) is exempt, so the owner still
  signs in from their usual browser while strangers guess.
A right password forgets the wrong ones typed for it from the same address. The limits apply
to usernames that do not exist too, so a pause does not reveal whether an account exists.
"""

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest, HttpResponse

from .client_address import client_address
from .guess_limits import Guesser, Limit, TooManyGuesses, forget_guess, forget_guesses, start_guess
from .models import Guess
from .names import folded_username

__all__ = ["KNOWN_DEVICE_COOKIE", "LimitedSignIn", "TooManyGuesses", "remember_device"]

_ASK = "Wait {wait} and try again, or ask your teacher for help."
FOR_ACCOUNT_HERE = Limit("both", 10, "Too many wrong passwords for this account. " + _ASK)
FROM_ADDRESS = Limit("address", 300, "Too many wrong passwords from this network. " + _ASK)
FOR_ACCOUNT = Limit(
    "key",
    100,
    "Too many wrong passwords for this account from other places. Sign in from a browser "
    "you have signed in with before, or wait {wait} and try again.",
)

KNOWN_DEVICE_COOKIE = "proficio_known_device"
_KNOWN_DEVICE_SALT = "proficio.sign-in.known-device"
_KNOWN_DEVICE_AGE = 365 * 24 * 3600
_KNOWN_USERNAMES = 20  # a shared school computer remembers its last learners


@dataclass(frozen=True)
class SignInSource:
    address: str
    known_usernames: frozenset[str]


def _key(username: str) -> str:
    # Every spelling that signs in to one account counts for it (names.folded_username).
    return folded_username(username).replace("\x00", "")[:150]


def source_of(request: HttpRequest | None) -> SignInSource:
    if request is None:  # e.g. a sign-in from the command line
        return SignInSource("", frozenset())
    return SignInSource(client_address(request), frozenset(_known_usernames(request)))


def start_sign_in(username: str, source: SignInSource) -> tuple[Guesser, int]:
    """Count a password about to be checked, or raise TooManyGuesses."""
    guesser = Guesser(Guess.Kind.SIGN_IN, _key(username), source.address)
    known = guesser.key in source.known_usernames
    limits = [FOR_ACCOUNT_HERE, FROM_ADDRESS, *([] if known else [FOR_ACCOUNT])]
    return guesser, start_guess(guesser, limits)


class LimitedSignIn(ModelBackend):
    """Django's sign-in by username and password, with the limits above: every place that
    checks a password (the sign-in page, the API's token) counts it the same way."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        if not username or password is None:
            return None
        guesser, guess_id = start_sign_in(username, source_of(request))
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None:
            forget_guess(guess_id)
            forget_guesses(guesser)
        return user


def remember_device(request: HttpRequest, response: HttpResponse, username: str) -> None:
    """After a right password in a browser: it is a known device for this username."""
    usernames = [name for name in _known_usernames(request) if name != _key(username)]
    usernames = [_key(username), *usernames][:_KNOWN_USERNAMES]
    response.set_signed_cookie(
        KNOWN_DEVICE_COOKIE,
        "\n".join(usernames),
        salt=_KNOWN_DEVICE_SALT,
        max_age=_KNOWN_DEVICE_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )


def _known_usernames(request: HttpRequest) -> list[str]:
    value = request.get_signed_cookie(KNOWN_DEVICE_COOKIE, default="", salt=_KNOWN_DEVICE_SALT)
    return [name for name in str(value).split("\n") if name]
