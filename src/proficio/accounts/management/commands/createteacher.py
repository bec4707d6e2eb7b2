"""`proficio manage createteacher USERNAME --password P`: a teacher account."""

import getpass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from proficio.accounts.services import UsernameTaken, create_teacher


class Command(BaseCommand):
    help = "Create a teacher account. Without --password the password is asked for."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--password", help="the password (at least 8 characters)")
        parser.add_argument("--display-name", default="", help="the name learners see")

    def handle(self, *args: Any, **options: Any) -> None:
        password = options["password"] or getpass.getpass("Password for the teacher: ")
        try:
            teacher = create_teacher(
                username=options["username"],
                password=password,
                display_name=options["display_name"],
            )
        except UsernameTaken as error:
            raise CommandError(str(error)) from error
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(f"Created the teacher '{teacher.username}'.")
