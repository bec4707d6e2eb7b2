"""Running `proficio` as a user does: separate processes on their own data folder."""

import os
import socket
import subprocess
import sys
from pathlib import Path


def run_proficio(
    *args: str, home: Path, timeout: float = 120, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PROFICIO_HOME": str(home), **(env or {})}
    environment.pop("DATABASE_URL", None)  # each run gets its own SQLite database in `home`
    return subprocess.run(
        [sys.executable, "-m", "proficio.cli", *args],
        capture_output=True, text=True, env=environment, timeout=timeout, check=False,
    )  # fmt: skip


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
