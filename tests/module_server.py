"""A live server shared by every test of a module, for tables of many requests."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.test.utils import modify_settings, override_settings
from pytest_django.live_server_helper import LiveServer

from proficio.content.services import import_pack


@contextmanager
def module_live_server(django_db_blocker: Any, pack: Path) -> Iterator[Any]:
    """Yields the server (its `url`) with `pack` imported and committed; flushed at the end.

    What the module's tests write is committed too, so the server sees it."""
    # Argon2 is slow on purpose; the server runs in this process, so it checks with MD5 too.
    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    hosts = modify_settings(ALLOWED_HOSTS={"append": "localhost"})
    with django_db_blocker.unblock(), fast, hosts:
        import_pack(path=pack)
        server = LiveServer("localhost")
        try:
            yield server
        finally:
            server.stop()
            call_command("flush", interactive=False, verbosity=0)
