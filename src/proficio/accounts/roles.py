"""The roles an account acts in."""

from .models import User


def roles_of(user: User) -> list[str]:
    """The roles a user acts in: an administrator also teaches; everyone else learns."""
    if user.role == User.Role.ADMINISTRATOR or user.is_superuser:
        return [User.Role.ADMINISTRATOR, User.Role.TEACHER]
    return [user.role]


def can_teach(user: User) -> bool:
    return User.Role.TEACHER in roles_of(user)
