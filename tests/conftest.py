"""Fixtures shared by the suite: packs written to disk, and real HTTP against a live server."""

import os
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from http.client import HTTPConnection
from pathlib import Path
from typing import Any

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer
from tests.http_client import HttpClient
from tests.processes import free_port, run_proficio
from tests.samples import ADD_BIG, ADD_SMALL, ARTICLE, MINIMAL_COURSE


@pytest.fixture
def write_pack(tmp_path: Path) -> Callable[..., Path]:
    """Write a pack (the sample course unless told otherwise) and return its folder."""

    def write(
        course: str | None = MINIMAL_COURSE,
        exercises: dict[str, str] | None = None,
        articles: dict[str, str] | None = None,
        name: str = "pack",
    ) -> Path:
        root = tmp_path / name
        (root / "exercises").mkdir(parents=True, exist_ok=True)
        (root / "articles").mkdir(exist_ok=True)
        if course is not None:
            (root / "course.yaml").write_text(textwrap.dedent(course))
        default_exercises = {"add-small": ADD_SMALL, "add-big": ADD_BIG}
        for slug, text in (default_exercises if exercises is None else exercises).items():
            (root / "exercises" / f"{slug}.yaml").write_text(textwrap.dedent(text))
        default_articles = {"counting-on.md": ARTICLE}
        for file, text in (default_articles if articles is None else articles).items():
            (root / "articles" / file).write_text(text)
        return root

    return write


# The live server's listen queue holds 10 connections; tests sending dozens of requests at once
# (as clients do) would find some connections reset before the server saw them.
ThreadedWSGIServer.request_queue_size = 64


@pytest.fixture
def http(live_server: Any) -> HttpClient:
    return HttpClient(live_server.url)


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Callable[..., tuple[str, str]]]:
    """Start `proficio serve` on a fresh data folder; returns (base url, what it printed).

    With `demo=False` the server starts without the demo, after importing `packs`; `env` adds
    environment variables (settings such as PROFICIO_SECURE_COOKIES).
    """
    processes: list[subprocess.Popen[str]] = []
    home = tmp_path / "home"

    def start(
        packs: tuple[Path, ...] | list[Path] = (),
        demo: bool = True,
        env: dict[str, str] | None = None,
    ) -> tuple[str, str]:
        for pack in packs:
            imported = run_proficio("import", str(pack), home=home)
            assert imported.returncode == 0, imported.stdout + imported.stderr
        port = free_port()
        environment = {**os.environ, "PROFICIO_HOME": str(home), **(env or {})}
        environment.pop("DATABASE_URL", None)
        command = [
            sys.executable,
            "-m",
            "proficio.cli",
            "serve",
            "--port",
            str(port),
            "--workers",
            "2",
        ]
        process = subprocess.Popen(
            [*command, *([] if demo else ["--no-demo"])],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=environment,
        )  # fmt: skip
        processes.append(process)
        assert process.stdout is not None
        printed = []
        deadline = time.monotonic() + 180
        ready = "with no work yet" if demo else "Proficio is running at"
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line and process.poll() is not None:
                pytest.fail("proficio serve stopped:\n" + "".join(printed))
            printed.append(line)
            if ready in line:
                break
        url = f"http://127.0.0.1:{port}"
        while time.monotonic() < deadline:
            try:  # any answer will do: the server may be redirecting to HTTPS
                connection = HTTPConnection("127.0.0.1", port, timeout=5)
                connection.request("GET", "/")
                connection.getresponse()
                connection.close()
                break
            except OSError:
                time.sleep(0.2)
        return url, "".join(printed)

    yield start
    for process in processes:
        process.terminate()
        process.wait(timeout=30)
