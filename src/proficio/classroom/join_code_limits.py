"""Guessing join codes is slowed down: wrong codes are counted per learner and per address.

A right code does not count. The address limit is generous: a whole class may join at once
from its school's one address, a few of them mistyping.
"""

from proficio.accounts.api import Guesser, Limit, start_guess
from proficio.accounts.models import Guess

_ASK = "Wait {wait} and try again, and check the code with your teacher."
FOR_LEARNER = Limit("key", 10, "Too many wrong class codes. " + _ASK)
FROM_ADDRESS = Limit("address", 200, "Too many wrong class codes from this network. " + _ASK)


def start_join_guess(*, learner_id: int, address: str) -> int:
    """Count a join code about to be checked, or raise TooManyGuesses; returns the guess's id."""
    return start_guess(
        Guesser(Guess.Kind.JOIN_CODE, str(learner_id), address), [FOR_LEARNER, FROM_ADDRESS]
    )
