"""Accounts: sign up, get and end tokens, and who am I. Tokens are sent as
`Authorization: Bearer …`."""

from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import HttpBearer
from pydantic import StringConstraints

from proficio.accounts import api as accounts
from proficio.accounts.api import TooManyGuesses, client_address, roles_of
from proficio.accounts.models import User

from .errors import ErrorOut


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = accounts.user_for_token(token)
        if user is not None:
            request.bearer_token = token  # type: ignore[attr-defined]  # to sign it out
        return user


router = Router(tags=["Accounts"])


def signed_in(request: HttpRequest) -> User:
    """The account a token was sent for (the routes' auth has checked it)."""
    return accounts.signed_in_account(request.auth)  # type: ignore[attr-defined]


Username = Annotated[str, StringConstraints(min_length=1, max_length=150)]
Password = Annotated[str, StringConstraints(min_length=1, max_length=1000)]


class SignupIn(Schema):
    username: Username
    password: Password
    display_name: Annotated[str, StringConstraints(max_length=150)] = ""


class SignupOut(Schema):
    id: int
    username: str


class TokenIn(Schema):
    username: Username
    password: Password


class TokenOut(Schema):
    token: str


class MeOut(Schema):
    id: int
    username: str
    display_name: str
    roles: list[str]


@router.post(
    "/auth/signup",
    response={201: SignupOut, 409: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    auth=None,
    summary="Create a learner account",
    description="After 100 new accounts from one address in 15 minutes, signing up from it "
    "answers 429 with how long to wait.",
)
def sign_up(request: HttpRequest, payload: SignupIn) -> Status[Any]:
    try:
        user = accounts.sign_up(
            username=payload.username,
            password=payload.password,
            display_name=payload.display_name,
            address=client_address(request),
        )
    except accounts.UsernameTaken as error:
        raise HttpError(409, str(error)) from error
    except TooManyGuesses as error:
        raise HttpError(429, str(error)) from error
    except ValidationError as error:
        raise HttpError(422, " ".join(error.messages)) from error
    return Status(201, {"id": user.pk, "username": user.username})


@router.post(
    "/auth/token",
    response={200: TokenOut, 401: ErrorOut, 429: ErrorOut},
    auth=None,
    summary="Exchange a username and password for an API token",
    description="After 10 wrong passwords for a username from one address in 15 minutes "
    "(or 300 for any usernames from one address, or 100 for a username from anywhere), asking "
    "for a token answers 429 with how long to wait.",
)
def get_token(request: HttpRequest, payload: TokenIn) -> dict[str, str]:
    try:
        token = accounts.issue_token(
            username=payload.username, password=payload.password, request=request
        )
    except accounts.WrongCredentials as error:
        raise HttpError(401, str(error)) from error
    except TooManyGuesses as error:
        raise HttpError(429, str(error)) from error
    return {"token": token}


@router.delete(
    "/auth/token",
    response={204: None, 401: ErrorOut},
    summary="Sign out: the token this request carries stops working",
)
def end_token(request: HttpRequest) -> Status[None]:
    accounts.end_token(token=request.bearer_token)  # type: ignore[attr-defined]
    return Status(204, None)


@router.delete(
    "/auth/tokens",
    response={204: None, 401: ErrorOut},
    summary="End every API token of the account, this one included",
)
def end_every_token(request: HttpRequest) -> Status[None]:
    accounts.end_every_token(user=signed_in(request))
    return Status(204, None)


@router.get("/me", response=MeOut, summary="The signed-in account")
def me(request: HttpRequest) -> dict[str, Any]:
    user = signed_in(request)
    return {
        "id": user.pk,
        "username": user.username,
        "display_name": user.display_name,
        "roles": roles_of(user),
    }
