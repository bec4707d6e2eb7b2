"""Accounts with their role, their API tokens, and the guesses the sign-in and sign-up limits
count.

The tables keep the names they were made with (`classroom_user` and so on), from before
accounts had an app of their own: moving them took no copying (migrations/0001_initial.py).
"""

import hashlib
from collections.abc import Iterator
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models

from .names import USERNAME_MAX, folded_username, normalised_username, validate_username


class Accounts(UserManager["User"]):
    def get_by_natural_key(self, username: str | None) -> "User":
        """The account a typed username signs in to: normalised as at sign-up, case ignored.

        An exact spelling comes first: accounts older than the case rule whose names differ only
        in case (classroom/migrations/0008_username_folded.py) each sign in with their spelling.
        """
        typed = username or ""
        if "\x00" in typed:  # no username has one, and PostgreSQL refuses it in a query
            raise self.model.DoesNotExist
        for spelling in ({"username": typed}, {"username": normalised_username(typed)}):
            found = self.filter(**spelling).first()
            if found is not None:
                return found
        return self.get(username_folded=folded_username(typed))


class User(AbstractUser):
    class Role(models.TextChoices):
        LEARNER = "learner"
        TEACHER = "teacher"
        ADMINISTRATOR = "administrator"

    username = models.CharField(
        "username", max_length=USERNAME_MAX, unique=True, validators=[validate_username],
        error_messages={"unique": "That username is taken; choose another."},
    )  # fmt: skip
    # The username NFKC-normalised and case-folded: one account per name, whatever its case.
    username_folded = models.CharField(max_length=500, unique=True, editable=False)
    display_name = models.CharField(max_length=150, blank=True)
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.LEARNER)
    # Raised by "sign out everywhere": every browser signed in before it is signed out.
    session_generation = models.PositiveIntegerField(default=0)

    objects: ClassVar[Accounts] = Accounts()

    class Meta(AbstractUser.Meta):
        db_table = "classroom_user"

    @property
    def shown_name(self) -> str:
        return self.display_name or self.username

    # A browser stays signed in while its session holds the account's current session hash:
    # Django's (made from the password) mixed with the session generation. Generation 0 keeps
    # Django's own, so sessions from before the generation existed stay valid.
    def get_session_auth_hash(self) -> str:
        return self._with_generation(super().get_session_auth_hash())

    def get_session_auth_fallback_hash(self) -> Iterator[str]:
        return (self._with_generation(old) for old in super().get_session_auth_fallback_hash())

    def _with_generation(self, django_hash: str) -> str:
        if not self.session_generation:
            return django_hash
        return hashlib.sha256(f"{self.session_generation}:{django_hash}".encode()).hexdigest()

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.username_folded:
            self.username_folded = folded_username(self.username)
        super().save(*args, **kwargs)


class Guess(models.Model):
    """A password typed for a username, a join code typed by a learner, or an account signed up
    for, in the last few minutes (guess_limits.py); too many pause the guessing."""

    class Kind(models.TextChoices):
        SIGN_IN = "sign_in"
        JOIN_CODE = "join_code"
        SIGN_UP = "sign_up"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    key = models.CharField(max_length=150)  # a lower-cased username, or a learner's id
    address = models.CharField(max_length=45)  # the IP address it came from
    at = models.DateTimeField()

    class Meta:
        db_table = "classroom_guess"
        indexes = [
            models.Index(fields=["kind", "key", "at"]),
            models.Index(fields=["kind", "address", "at"]),
            models.Index(fields=["at"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind} guess for {self.key} from {self.address} at {self.at:%H:%M}"


class ApiToken(models.Model):
    """A bearer token for the JSON API; only its SHA-256 digest is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()

    class Meta:
        db_table = "classroom_apitoken"

    def __str__(self) -> str:
        return f"token of {self.user_id} until {self.expires_at:%Y-%m-%d}"
