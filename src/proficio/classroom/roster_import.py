"""Learners from a spreadsheet: CSV rows `username,display_name,password` into a class.

Everything slow happens before anything is written: the rows are checked and the new accounts'
passwords hashed, in parallel threads (Argon2 releases the GIL). Then one short transaction
writes every account and membership, so other learners' answers (SQLite lets one writer at a
time) wait for the writes only, and an import is applied whole or not at all.
"""

import csv
import io
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.hashers import Argon2PasswordHasher, make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from proficio.accounts.api import USERNAME_RULE, folded_username, readable_password, unsaved_user
from proficio.accounts.models import User
from proficio.bounds import text_problem

from .errors import InvalidTeachingRequest
from .models import ClassMadeAccount, Classroom

MAX_IMPORT_ROWS = 500
# Half the machine's cores: the other half keeps answering the learners at work meanwhile.
HASHING_THREADS = max(1, (os.cpu_count() or 1) // 2)


class GivenPasswordHasher(Argon2PasswordHasher):
    """Argon2id at OWASP's minimum (19 MiB, 2 passes, 1 lane), for passwords a teacher typed.

    The site's Argon2 settings cost about seven times as much; the parameters travel in the hash,
    so the site's hasher checks it and re-hashes it with its own at the learner's first sign-in.
    """

    time_cost = 2
    memory_cost = 19 * 1024
    parallelism = 1


class GeneratedPasswordHasher(Argon2PasswordHasher):
    """Argon2id with 8 MiB and 1 pass, for the passwords an import makes.

    Those are ten symbols drawn at random from 31 (49 bits): their randomness, not the hash's
    cost, is what stands against guessing (about 2**48 tries on average). Re-hashed with the
    site's settings at the learner's first sign-in, like the teacher-typed ones.
    """

    time_cost = 1
    memory_cost = 8 * 1024
    parallelism = 1


_HASHERS = {True: GeneratedPasswordHasher(), False: GivenPasswordHasher()}


@dataclass
class LearnerImport:
    """What a CSV import did: accounts created, learners added, and each failed row."""

    created: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    # Passwords made for new accounts whose row gave none, for the teacher to hand out.
    generated_passwords: dict[str, str] = field(default_factory=dict)


@dataclass
class _Row:
    number: int
    username: str
    display_name: str
    password: str
    key: str  # the folded username
    account: User | None = None  # a new account, checked and then hashed; saved in _write
    generated: bool = False  # its password was made by the import


def import_learners(*, classroom: Classroom, text: str) -> LearnerImport:
    """Create or add learners from CSV rows `username,display_name,password`.

    The header row is optional. Each row stands alone: a bad row is reported with its row
    number (as a spreadsheet counts them) and the others still go in. A username that exists
    (in any case) adds that learner; their name and password are left as they are.
    """
    report = LearnerImport()
    rows = _read_rows(text, report)
    existing = set(
        User.objects.filter(username_folded__in=[row.key for row in rows]).values_list(
            "username_folded", flat=True
        )
    )
    rows = [
        row
        for row in rows
        if row.key in existing or _row_checked(row, report, _prepare, classroom, row)
    ]
    _hash_passwords([row for row in rows if row.account is not None])
    with transaction.atomic():
        _write(classroom, rows, report)
    report.errors.sort(key=lambda error: int(error["row"]))
    return report


def _read_rows(text: str, report: LearnerImport) -> list[_Row]:
    lines = _csv_lines(text)
    numbered = [
        (number, line)
        for number, line in enumerate(lines, start=1)
        if any(cell.strip() for cell in line)
    ]
    if numbered and [cell.strip().lower() for cell in numbered[0][1][:1]] == ["username"]:
        numbered = numbered[1:]
    if len(numbered) > MAX_IMPORT_ROWS:
        raise InvalidTeachingRequest(
            f"The file has {len(numbered)} rows; import at most {MAX_IMPORT_ROWS} at a time."
        )
    rows: list[_Row] = []
    seen: set[str] = set()
    for number, line in numbered:
        cells = [cell.strip() for cell in line]
        username, display_name, password = [*cells, "", ""][:3]
        row = _Row(number, username, display_name, password, key=folded_username(username))
        if _row_checked(row, report, _check_cells, row, cells, seen):
            seen.add(row.key)
            rows.append(row)
    return rows


def _csv_lines(text: str) -> list[list[str]]:
    if problem := text_problem(text):
        raise InvalidTeachingRequest(f"The rows {problem}.")
    try:
        return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    except csv.Error as error:  # e.g. a cell longer than the csv module reads (131,072)
        raise InvalidTeachingRequest(
            f"The rows cannot be read as CSV ({error}); check them and import again."
        ) from error


def _check_cells(row: _Row, cells: list[str], seen: set[str]) -> None:
    if len(cells) > 3:
        raise InvalidTeachingRequest(
            "A row has at most three columns: username, display name, password."
        )
    if not row.username:
        raise InvalidTeachingRequest("The username is missing.")
    if row.key in seen:
        raise InvalidTeachingRequest(f"'{row.username}' appears on an earlier row.")


def _row_checked(row: _Row, report: LearnerImport, check: Callable[..., None], *args: Any) -> bool:
    """Run a check of the row; a failed one becomes the row's error."""
    try:
        check(*args)
    except (InvalidTeachingRequest, ValidationError) as error:
        message = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        report.errors.append({"row": row.number, "message": message})
        return False
    return True


def _prepare(classroom: Classroom, row: _Row) -> None:
    """A new account for the row, its names and password checked, not yet saved."""
    try:
        account = unsaved_user(
            username=row.username, display_name=row.display_name, role=User.Role.LEARNER
        )  # fmt: skip
    except ValidationError as error:
        if error.code != "invalid_username":
            raise
        raise InvalidTeachingRequest(
            f"'{row.username}' is not a valid username. {USERNAME_RULE}"
        ) from error
    if row.password:
        validate_password(row.password, account)
    row.account = account


def _hash_passwords(rows: list[_Row]) -> None:
    def hashed(row: _Row) -> str:
        row.generated = not row.password
        if row.generated:
            row.password = readable_password()
        return make_password(row.password, hasher=_HASHERS[row.generated])

    with ThreadPoolExecutor(max_workers=HASHING_THREADS) as pool:
        for row, password_hash in zip(rows, pool.map(hashed, rows), strict=True):
            assert row.account is not None
            row.account.password = password_hash


def _write(classroom: Classroom, rows: list[_Row], report: LearnerImport) -> None:
    """Inside the import's one transaction: what exists now decides each row."""
    found = {
        user.username_folded: user
        for user in User.objects.filter(username_folded__in=[row.key for row in rows])
    }
    new = [row for row in rows if row.key not in found and row.account is not None]
    if not _inserted([row.account for row in new if row.account is not None]):
        # Another import made some of these names meanwhile (on PostgreSQL; SQLite's write
        # lock rules it out): such a row adds that account, as if that import had come first.
        for row in new:
            if row.account is not None and not _inserted([row.account]):
                found[row.key] = User.objects.get(username_folded=row.key)
    learners: list[User] = []
    created: list[User] = []
    for row in rows:
        if row.key not in found and row.account is not None:
            report.created.append(row.account.username)
            if row.generated:
                report.generated_passwords[row.account.username] = row.password
            learners.append(row.account)
            created.append(row.account)
        elif _row_checked(row, report, _check_learner, row, found.get(row.key)):
            report.added.append(found[row.key].username)
            learners.append(found[row.key])
    classroom.learners.add(*learners)
    # The class made these accounts: its teachers may give them new passwords.
    ClassMadeAccount.objects.bulk_create(
        [ClassMadeAccount(account=account, classroom=classroom) for account in created]
    )


def _inserted(accounts: list[User]) -> bool:
    """Save the new accounts (all or none), or False when a folded name was taken meanwhile."""
    try:
        with transaction.atomic():
            User.objects.bulk_create(accounts)
    except IntegrityError:
        keys = [account.username_folded for account in accounts]
        if User.objects.filter(username_folded__in=keys).exists():
            return False
        raise
    return True


def _check_learner(row: _Row, account: User | None) -> None:
    if account is None:
        raise InvalidTeachingRequest(
            f"The account '{row.username}' was removed while the file was imported; "
            "import this row again."
        )
    if account.role != User.Role.LEARNER:
        raise InvalidTeachingRequest(
            f"'{account.username}' is a teacher's account and cannot join as a learner."
        )
