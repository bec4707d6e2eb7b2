"""Making accounts and changing them: signing up, teachers made by an administrator, names
and passwords."""

import secrets

from django.contrib.auth.password_validation import validate_password
from django.db import IntegrityError, transaction

from .models import User
from .names import clean_display_name, clean_username, folded_username, normalised_username
from .sign_out import end_every_token
from .sign_up_limits import forget_sign_up, start_sign_up


class UsernameTaken(Exception):
    """Someone already has this username (compared without case)."""


def create_user(
    *,
    username: str,
    password: str = "",
    display_name: str = "",
    role: str = User.Role.LEARNER,
    password_hash: str | None = None,
) -> User:
    """A new account. ValidationError when a name or the password breaks its rule (the
    sentence says which), UsernameTaken when another account has the name in any case.

    The password is hashed before anything is written: Argon2 is slow on purpose, and SQLite
    lets one writer at a time. `password_hash` (from `make_password`) stands for the password
    when many accounts are made with one password at once, as in the demo.
    """
    user = unsaved_user(username=username, display_name=display_name, role=role)
    if password_hash is not None:
        user.password = password_hash
    else:
        validate_password(password, user)
        user.set_password(password)
    try:
        with transaction.atomic():
            user.save(force_insert=True)
    except IntegrityError as error:
        if User.objects.filter(username_folded=user.username_folded).exists():
            raise UsernameTaken(_taken(user.username)) from error
        raise
    return user


def unsaved_user(*, username: str, display_name: str, role: str) -> User:
    """An account with its names checked by the name rules (`names`), not yet saved."""
    user = User(
        username=clean_username(username),
        display_name=clean_display_name(display_name),
        role=role,
    )
    user.username_folded = folded_username(user.username)
    user.is_superuser = user.is_staff = role == User.Role.ADMINISTRATOR
    return user


def _taken(username: str) -> str:
    return f"The username '{username}' is taken; choose another."


_READABLE_LETTERS = "abcdefghjkmnpqrstuvwxyz23456789"


def readable_password() -> str:
    """A password a teacher can read out or copy by hand: ten letters and digits."""
    return "".join(secrets.choice(_READABLE_LETTERS) for _ in range(10))


def sign_up(
    *, username: str, password: str, display_name: str = "", address: str | None = None
) -> User:
    """A new learner account; raises UsernameTaken, or ValidationError for a weak password.

    A sign-up from the network (`address` given) raises TooManyGuesses once its address has
    made too many accounts lately (sign_up_limits)."""
    if address is None:
        return _new_account(username, password, display_name, User.Role.LEARNER)
    sign_up_id = start_sign_up(address)
    try:
        return _new_account(username, password, display_name, User.Role.LEARNER)
    except Exception:
        forget_sign_up(sign_up_id)
        raise


def create_teacher(*, username: str, password: str, display_name: str = "") -> User:
    """A new teacher account (an administrator's act); errors as for `sign_up`."""
    return _new_account(username, password, display_name, User.Role.TEACHER)


def _new_account(username: str, password: str, display_name: str, role: str) -> User:
    # Checked before the slow hash; the unique folded name settles a race (create_user).
    if User.objects.filter(username_folded=folded_username(username)).exists():
        raise UsernameTaken(_taken(normalised_username(username)))
    return create_user(username=username, password=password, display_name=display_name, role=role)


def change_password(*, user: User, new_password: str) -> int:
    """Set a new password (already checked by the caller) and end the account's API tokens,
    so a device that knew the old password is signed out. Returns how many tokens ended."""
    with transaction.atomic():
        user.set_password(new_password)
        user.save(update_fields=["password"])
        return end_every_token(user=user)


def change_display_name(*, user: User, display_name: str) -> None:
    """ValidationError (saying why) for a name the name rules refuse."""
    user.display_name = clean_display_name(display_name)
    user.save(update_fields=["display_name"])
