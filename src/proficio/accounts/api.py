"""What accounts offer the rest of Proficio: the one door other apps and the faces go through.

Accounts and their roles, usernames and passwords, API tokens, signing out, and the limits on
guessing passwords, sign-ups and join codes. `accounts.models` is open for foreign keys.
"""

from .client_address import client_address
from .guess_limits import Guesser, Limit, TooManyGuesses, forget_guess, start_guess
from .names import USERNAME_RULE, clean_display_name, clean_username, folded_username
from .roles import can_teach, roles_of, signed_in_account
from .services import (
    UsernameTaken,
    change_display_name,
    change_password,
    create_teacher,
    create_user,
    readable_password,
    sign_up,
    unsaved_user,
)
from .sign_in_limits import remember_device
from .sign_out import end_every_token, end_token, sign_out_everywhere
from .sign_up_limits import forget_sign_up, start_sign_up
from .tokens import WrongCredentials, issue_token, user_for_token

__all__ = [
    "USERNAME_RULE",
    "Guesser",
    "Limit",
    "TooManyGuesses",
    "UsernameTaken",
    "WrongCredentials",
    "can_teach",
    "change_display_name",
    "change_password",
    "clean_display_name",
    "clean_username",
    "client_address",
    "create_teacher",
    "create_user",
    "end_every_token",
    "end_token",
    "folded_username",
    "forget_guess",
    "forget_sign_up",
    "issue_token",
    "readable_password",
    "remember_device",
    "roles_of",
    "sign_out_everywhere",
    "sign_up",
    "signed_in_account",
    "start_guess",
    "start_sign_up",
    "unsaved_user",
    "user_for_token",
]
