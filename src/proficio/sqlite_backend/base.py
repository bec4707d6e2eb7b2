"""Django's SQLite backend, with write transactions queued on a file lock.

SQLite lets one writer in at a time; the others retry on a timer that sleeps up to 100 ms
between tries, so under load most of a writer's wait is sleeping after the lock is already
free. Taking an exclusive `flock` on a file beside the database just before `BEGIN IMMEDIATE`
queues writers in the kernel instead, and the next one starts the moment the previous commits.
Readers never touch the lock (WAL lets them read during a write). Every process and thread of
one data folder uses the same lock file.
"""

from typing import Any, BinaryIO

from django.db.backends.sqlite3 import base

try:
    import fcntl
except ImportError:  # not on Windows: SQLite's own retries remain
    fcntl = None  # type: ignore[assignment]


# The type stubs leave out the private transaction hooks overridden here.
_SQLiteDatabaseWrapper: Any = base.DatabaseWrapper


class DatabaseWrapper(_SQLiteDatabaseWrapper):
    _write_lock: BinaryIO | None = None
    _holding_write_lock = False

    def _start_transaction_under_autocommit(self) -> None:
        self._lock_writes()
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._unlock_writes()
            raise

    def _commit(self) -> Any:
        try:
            return super()._commit()
        finally:
            self._unlock_writes()

    def _rollback(self) -> Any:
        try:
            return super()._rollback()
        finally:
            self._unlock_writes()

    def _close(self) -> Any:
        try:
            return super()._close()
        finally:
            self._unlock_writes()

    def _lock_writes(self) -> None:
        if fcntl is None or self._holding_write_lock or self.is_in_memory_db():
            return
        if self._write_lock is None:
            self._write_lock = open(f"{self.settings_dict['NAME']}.write-lock", "ab")  # noqa: SIM115
        fcntl.flock(self._write_lock.fileno(), fcntl.LOCK_EX)
        self._holding_write_lock = True

    def _unlock_writes(self) -> None:
        if self._holding_write_lock and self._write_lock is not None and fcntl is not None:
            fcntl.flock(self._write_lock.fileno(), fcntl.LOCK_UN)
            self._holding_write_lock = False
