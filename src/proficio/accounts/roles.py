"""The roles an account acts in."""

from django.core.exceptions import PermissionDenied

from .models import User


def roles_of(user: User) -> list[str]:
    """The roles a user acts in: an administrator also teaches; everyone else learns."""
    if user.role == User.Role.ADMINISTRATOR or user.is_superuser:
        return [User.Role.ADMINISTRATOR, User.Role.TEACHER]
    return [user.role]


def can_teach(user: User) -> bool:
    return User.Role.TEACHER in roles_of(user)


def signed_in_account(user: object) -> User:
    """The account a request was made by, once a face has made sure it was signed in.

    Behind the faces' sign-in checks this is always an account; anything else is refused
    rather than passed on as if it were one.
    """
    if not isinstance(user, User):
        raise PermissionDenied("Sign in first.")
    return user
