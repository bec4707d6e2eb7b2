"""`proficio serve | check | import | demo | manage …`: the one command operators use."""

import argparse
import os
import sys

DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8000


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "proficio.settings")
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except ImproperlyConfigured as error:  # a setting from the environment: say which, and stop
        sys.exit(f"proficio: {error}")


def _migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def check(path: str) -> int:
    """Print every problem of the pack as `file:line: message`; 0 when it can be imported."""
    _setup_django()  # content's door also leads to its models; checking touches no database
    from proficio.content.api import PackError, load_pack

    try:
        pack = load_pack(path)
    except PackError as error:
        for problem in error.problems:
            print(f"{problem}")
        errors = sum(not problem.warning for problem in error.problems)
        print(
            f"{path}: {errors} error{'s' * (errors != 1)}; nothing can be imported", file=sys.stderr
        )
        return 1
    for warning in pack.warnings:
        print(warning)
    skills = len(pack.exercises)
    print(
        f"{path}: ok — course '{pack.slug}', {len(pack.units)} units, {skills} skills, "
        f"{len(pack.articles)} articles, {len(pack.videos)} videos",
        file=sys.stderr,
    )
    return 0


def import_course(path: str) -> int:
    _setup_django()
    from proficio.content.api import PackError, import_pack
    from proficio.learning.api import learners_with_progress

    _migrate()
    try:
        result = import_pack(path=path)
    except PackError as error:
        for problem in error.problems:
            print(problem)
        print(f"{path}: not imported; nothing was changed", file=sys.stderr)
        return 1
    for warning in result.warnings:
        print(warning)
    if result.unchanged:
        print(f"Course '{result.course.slug}' is already up to date.")
    else:
        # The import recomputed these learners' mastery % in its own transaction.
        refreshed = learners_with_progress(result.course)
        verb = "Imported" if result.created else "Updated"
        print(
            f"{verb} course '{result.course.slug}': {result.added} added, {result.updated} "
            f"updated, {result.archived} archived."
        )
        if refreshed:
            print(f"Mastery % recomputed for {refreshed} learner{'s' * (refreshed != 1)}.")
    return 0


def demo() -> list[str]:
    """Import the bundled courses and seed the demo school, once; returns lines to print."""
    _setup_django()
    from proficio.demo import seed_demo

    _migrate()
    return seed_demo()


def serve(host: str, port: int, workers: int, with_demo: bool) -> int:
    allowed = os.environ.get("PROFICIO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
    if host not in {"0.0.0.0", "::"} and host not in allowed.split(","):  # noqa: S104
        os.environ["PROFICIO_ALLOWED_HOSTS"] = f"{allowed},{host}"
    _setup_django()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connections

    _migrate()
    call_command("collectstatic", interactive=False, verbosity=0)
    lines = demo() if with_demo else []
    connections.close_all()  # the workers are forked: each must open its own connections

    from proficio.server import run

    shown_host = f"[{host}]" if ":" in host else host
    database = "PostgreSQL" if os.environ.get("DATABASE_URL") else f"SQLite in {settings.HOME}"
    print(f"Proficio is running at http://{shown_host}:{port}/ ({database}). Stop it with Ctrl+C.")
    for line in lines:
        print(line)
    sys.stdout.flush()
    return run(host=host, port=port, workers=workers)


# Commands an operator runs on a new data folder, before ever serving: they need the tables.
_NEEDS_TABLES = {"createteacher", "createsuperuser", "rebuild_progress"}


def manage(arguments: list[str]) -> int:
    _setup_django()
    from django.core.management import execute_from_command_line

    if arguments and arguments[0] in _NEEDS_TABLES:
        _migrate()

    execute_from_command_line(["proficio manage", *arguments])
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="proficio",
        description="Proficio, a self-hostable mastery-learning platform. Data folder: "
        "PROFICIO_HOME (default ./var); set DATABASE_URL to use PostgreSQL.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    serve_parser = commands.add_parser("serve", help="run the web server (migrates first)")
    serve_parser.add_argument("--host", default=DEFAULT_HOST)
    serve_parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    serve_parser.add_argument(
        "--workers", type=int, default=max(2, os.cpu_count() or 2), help="worker processes"
    )
    serve_parser.add_argument(
        "--no-demo", action="store_true", help="do not load the bundled courses and demo accounts"
    )
    check_parser = commands.add_parser("check", help="check a content pack (folder or .zip)")
    check_parser.add_argument("path")
    import_parser = commands.add_parser("import", help="import or update a course from a pack")
    import_parser.add_argument("path")
    commands.add_parser("demo", help="load the bundled courses and the demo school")
    manage_parser = commands.add_parser("manage", help="run a Django management command")
    manage_parser.add_argument("arguments", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)

    if args.command == "check":
        return check(args.path)
    if args.command == "import":
        return import_course(args.path)
    if args.command == "demo":
        for line in demo():
            print(line)
        return 0
    if args.command == "manage":
        return manage(args.arguments)
    return serve(args.host, args.port, args.workers, with_demo=not args.no_demo)


if __name__ == "__main__":
    sys.exit(main())
