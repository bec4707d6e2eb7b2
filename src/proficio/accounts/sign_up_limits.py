"""New accounts from one address are limited: each sign-up adds a row for good, so a script
must not be able to add them without end. The limit is generous, as a whole school may sign
up together from its one address."""

from .guess_limits import Guesser, Limit, forget_guess, start_guess
from .models import Guess

FROM_ADDRESS = Limit(
    "address",
    100,
    "Too many new accounts from this network. Wait {wait} and try again, or ask your teacher "
    "to make your account.",
)


def start_sign_up(address: str) -> int:
    """Count a sign-up about to be made, or raise TooManyGuesses; returns its id."""
    return start_guess(Guesser(Guess.Kind.SIGN_UP, "", address), [FROM_ADDRESS])


def forget_sign_up(sign_up_id: int) -> None:
    """A sign-up that made no account does not count."""
    forget_guess(sign_up_id)
