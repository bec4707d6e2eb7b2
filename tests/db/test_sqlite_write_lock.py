"""SQLite write transactions queue on a file lock instead of SQLite's sleeping retries."""

import fcntl
import threading
import time

import pytest
from django.db import connection, transaction

from proficio.accounts.models import User

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "sqlite", reason="the write lock is part of the SQLite backend"
    ),
]


def test_a_write_transaction_waits_for_the_lock_and_starts_when_it_is_free() -> None:
    lock_path = f"{connection.settings_dict['NAME']}.write-lock"
    started = threading.Event()
    finished = threading.Event()

    def write() -> None:
        try:
            started.set()
            with transaction.atomic():
                User.objects.create(username="queued")
            finished.set()
        finally:
            connection.close()

    with open(lock_path, "ab") as holder:
        fcntl.flock(holder.fileno(), fcntl.LOCK_EX)
        writer = threading.Thread(target=write)
        writer.start()
        started.wait(5)
        time.sleep(0.3)
        assert not finished.is_set()  # queued behind the holder
        fcntl.flock(holder.fileno(), fcntl.LOCK_UN)
    writer.join(5)
    assert finished.is_set()
    assert User.objects.filter(username="queued").exists()


def test_the_lock_is_free_again_after_a_rollback() -> None:
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        User.objects.create(username="rolled-back")
        _ = 1 / 0
    with open(f"{connection.settings_dict['NAME']}.write-lock", "ab") as probe:
        fcntl.flock(probe.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)  # would raise if still held
    assert not User.objects.filter(username="rolled-back").exists()
