"""Graded answers per second, and their latency, on a real production server under load.

    .venv/bin/python bench/load_answers.py [--learners 50] [--duration 30] [--warmup 5]
        [--workers 2] [--processes 2] [--right 0.8] [--database-url postgres://…]

Starts `proficio serve --no-demo --workers W` (gunicorn, as in production) on a free port with
a fresh data folder, after `proficio import` of the conformance pack (../shared/conformance/pack
beside this clone: skills "sevens" and "nines", whose answers are all 7 and all 9). With
`--database-url` the server uses that PostgreSQL database, which must be empty (e.g.
`createdb -h 127.0.0.1 -U postgres proficio_load_1`; drop it afterwards); without it, SQLite in
the temporary data folder.

Signs up N learners through the API, then drives them concurrently over real HTTP: each learner
is a thread with one persistent keep-alive connection (`http.client`), spread over a few
load-generator processes. A learner starts a practice set (`POST /api/v1/tasks`), answers each
question (`POST /api/v1/tasks/{id}/answers`; right with probability --right, else wrong),
answers the bonus question when one is offered, then starts the next set, alternating skills,
without pauses. Only the answer requests are measured, and only those that complete in the
`--duration` seconds after the `--warmup`. Any non-2xx answer is an error (there should be none).

Prints a Markdown table row for docs/benchmarks.md, the error counts, and the CPU used while
measuring (read from /proc on Linux) by gunicorn, by the PostgreSQL backends of the benchmark's
database, by the load generator and by anything else: a run taken while something else used the
machine is not comparable. The server is stopped (its whole process group) and the temporary
folder removed at the end, also on Ctrl+C.
"""

import argparse
import http.client
import json
import math
import multiprocessing
import os
import queue
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from multiprocessing.queues import Queue
from pathlib import Path
from types import FrameType
from typing import Any
from urllib.parse import urlsplit

PACK = Path(__file__).resolve().parents[2] / "shared" / "conformance" / "pack"
COURSE = "conformance"
RIGHT = {"sevens": "7", "nines": "9"}
WRONG = {"sevens": "8", "nines": "8"}
SKILLS = ("sevens", "nines")
PASSWORD = "load-bench-Passw0rd"
HOST = "127.0.0.1"
API = "/api/v1"


class Client:
    """One persistent HTTP/1.1 connection to the server, reopened if the server closes it."""

    def __init__(self, port: int, token: str | None = None) -> None:
        self.port = port
        self.headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if token:
            self.headers["Authorization"] = f"Bearer {token}"
        self.connection: http.client.HTTPConnection | None = None
        self.reconnects = 0

    def call(self, method: str, path: str, body: object = None) -> tuple[int, Any]:
        """(status, decoded JSON) of one request. A request that fails because the kept-alive
        connection was closed is sent once more on a new connection: every call used here is
        safe to repeat (an answer carries its attempt_id; starting a task resumes the open one).
        """
        data = None if body is None else json.dumps(body).encode()
        for attempt in range(2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(HOST, self.port, timeout=60)
            try:
                self.connection.request(method, API + path, body=data, headers=self.headers)
                response = self.connection.getresponse()
                raw = response.read()
            except (http.client.HTTPException, OSError):
                self.close()
                if attempt:
                    raise
                self.reconnects += 1
                continue
            if response.will_close:
                self.close()
            try:
                return response.status, json.loads(raw) if raw else None
            except ValueError:
                return response.status, raw[:200].decode(errors="replace")
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


@dataclass
class Tally:
    """What one load-generator process measured."""

    latencies: list[float] = field(default_factory=list)  # seconds, measured answers only
    answer_errors: int = 0  # measured answers that were not 2xx (or failed outright)
    other_errors: int = 0  # task starts that failed, at any time
    tasks: int = 0  # sets started (or resumed)
    reconnects: int = 0
    samples: list[str] = field(default_factory=list)  # the first few error replies


def drive(
    port: int,
    token: str,
    seed: int,
    right: float,
    start_at: float,
    measure_from: float,
    stop_at: float,
    tally: Tally,
    lock: threading.Lock,
) -> None:
    """One learner: practice sets back to back until stop_at (time.monotonic())."""
    rng = random.Random(seed)
    client = Client(port, token)
    turn = rng.randrange(len(SKILLS))
    latencies: list[float] = []
    answer_errors = other_errors = tasks = 0
    samples: list[str] = []
    time.sleep(max(0.0, start_at - time.monotonic()))
    try:
        while time.monotonic() < stop_at:
            skill = SKILLS[turn % len(SKILLS)]
            turn += 1
            try:
                status, task = client.call(
                    "POST", "/tasks", {"kind": "practice", "course": COURSE, "skill": skill}
                )
            except (http.client.HTTPException, OSError) as error:
                status, task = 0, repr(error)
            if status not in (200, 201) or not isinstance(task, dict):
                other_errors += 1
                if len(samples) < 3:
                    samples.append(f"POST /tasks → {status} {task}")
                time.sleep(0.1)
                continue
            tasks += 1
            question = task.get("question")
            while question is not None and time.monotonic() < stop_at:
                answers = RIGHT if rng.random() < right else WRONG
                body = {
                    "position": question["position"],
                    "response": answers[question["skill"]],
                    "attempt_id": uuid.uuid4().hex,
                }
                began = time.monotonic()
                try:
                    status, reply = client.call("POST", f"/tasks/{task['id']}/answers", body)
                except (http.client.HTTPException, OSError) as error:
                    status, reply = 0, repr(error)
                ended = time.monotonic()
                ok = 200 <= status < 300 and isinstance(reply, dict)
                if measure_from <= ended <= stop_at:
                    if ok:
                        latencies.append(ended - began)
                    else:
                        answer_errors += 1
                if not ok:
                    if len(samples) < 3:
                        samples.append(f"POST /tasks/{task['id']}/answers → {status} {reply}")
                    break  # start (resume) a set again
                question = reply.get("next_question")  # None once the set is finished
    finally:
        client.close()
    with lock:
        tally.latencies += latencies
        tally.answer_errors += answer_errors
        tally.other_errors += other_errors
        tally.tasks += tasks
        tally.reconnects += client.reconnects
        tally.samples += samples[: max(0, 5 - len(tally.samples))]


def load_process(
    port: int,
    tokens: list[str],
    seed: int,
    right: float,
    start_at: float,
    measure_from: float,
    stop_at: float,
    results: "Queue[Tally]",
) -> None:
    """A load-generator process: one thread per learner, the tally sent back to the parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl+C
    tally, lock = Tally(), threading.Lock()
    threads = [
        threading.Thread(
            target=drive,
            args=(port, token, seed * 1_000 + i, right, start_at, measure_from, stop_at),
            kwargs={"tally": tally, "lock": lock},
            daemon=True,
        )
        for i, token in enumerate(tokens)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results.put(tally)


def sign_up(port: int, username: str) -> str:
    """A new learner account; returns its API token."""
    client = Client(port)
    try:
        credentials = {"username": username, "password": PASSWORD}
        status, reply = client.call("POST", "/auth/signup", credentials)
        if status != 201:
            raise RuntimeError(f"POST /auth/signup → {status} {reply}")
        status, reply = client.call("POST", "/auth/token", credentials)
        if status != 200 or not isinstance(reply, dict):
            raise RuntimeError(f"POST /auth/token → {status} {reply}")
        return str(reply["token"])
    finally:
        client.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def wait_until_serving(server: "subprocess.Popen[bytes]", port: int, log: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"the server stopped (exit {server.returncode}):\n{log.read_text()}")
        client = Client(port)
        try:
            status, courses = client.call("GET", "/courses")
            if status == 200 and any(c.get("slug") == COURSE for c in courses):
                return
        except (http.client.HTTPException, OSError):
            pass
        finally:
            client.close()
        time.sleep(0.2)
    sys.exit(f"the server did not answer within 120 s:\n{log.read_text()}")


def stop(server: "subprocess.Popen[bytes]") -> None:
    """Stop gunicorn and its workers: the whole process group, gracefully, then by force."""
    if server.poll() is not None:
        return
    for sig, grace in ((signal.SIGTERM, 20), (signal.SIGKILL, 5)):
        try:
            os.killpg(server.pid, sig)
        except ProcessLookupError:
            return
        try:
            server.wait(timeout=grace)
            return
        except subprocess.TimeoutExpired:
            continue


@dataclass
class CpuSample:
    """CPU seconds used so far, read from /proc (Linux; zeros where it cannot be read)."""

    wall: float
    machine: float = 0.0  # all CPUs, busy (not idle nor waiting for I/O)
    server: float = 0.0  # gunicorn: master and workers (the server's process group)
    database: float = 0.0  # the PostgreSQL backends connected to the benchmark's database
    loaders: float = 0.0  # the load-generator processes


def cpu_sample(server: int, database: str, loaders: list[int]) -> CpuSample:
    tick = os.sysconf("SC_CLK_TCK")
    sample = CpuSample(time.monotonic())
    try:
        jiffies = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
        sample.machine = (sum(jiffies) - jiffies[3] - jiffies[4]) / tick
    except (OSError, ValueError):
        return sample
    backend = f" {database} " if database else None
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            # After "(command)": state, ppid, pgrp, …; utime and stime are the 12th and 13th.
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            used = (int(stat[11]) + int(stat[12])) / tick
            if int(stat[2]) == server:
                sample.server += used
            elif int(entry.name) in loaders:
                sample.loaders += used
            elif backend and backend in (entry / "cmdline").read_bytes().decode(errors="replace"):
                sample.database += used  # "postgres: user database host(port) state"
        except (OSError, ValueError, IndexError):
            continue
    return sample


def percentile(ordered: list[float], fraction: float) -> float:
    """Nearest-rank percentile of sorted values."""
    if not ordered:
        return float("nan")
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def run(args: argparse.Namespace, work: Path) -> None:
    env = {**os.environ, "PROFICIO_HOME": str(work / "home")}
    env.pop("DATABASE_URL", None)
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    proficio = [sys.executable, "-m", "proficio.cli"]
    log = work / "server.log"
    imported = subprocess.run(
        [*proficio, "import", str(PACK)], env=env, capture_output=True, text=True, check=False
    )
    if imported.returncode != 0:
        sys.exit(f"proficio import failed:\n{imported.stdout}\n{imported.stderr}")

    port = free_port()
    command = [*proficio, "serve", "--no-demo", "--port", str(port), "--workers", str(args.workers)]
    server: subprocess.Popen[bytes] | None = None
    processes: list[multiprocessing.process.BaseProcess] = []
    try:
        with log.open("wb") as output:
            server = subprocess.Popen(
                command, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
            )
        print(f"serving on port {port} with {args.workers} workers…", file=sys.stderr)
        wait_until_serving(server, port, log)

        run_id = uuid.uuid4().hex[:8]
        with ThreadPoolExecutor(max_workers=8) as pool:
            tokens = list(
                pool.map(lambda i: sign_up(port, f"load-{run_id}-{i}"), range(args.learners))
            )
        print(f"{args.learners} learners signed up; loading…", file=sys.stderr)

        context = multiprocessing.get_context("spawn")
        results: Queue[Tally] = context.Queue()
        count = max(1, min(args.processes, args.learners))
        start_at = time.monotonic() + 1.0 + 0.3 * count  # time for the processes to start
        measure_from = start_at + args.warmup
        stop_at = measure_from + args.duration
        for index in range(count):
            process = context.Process(
                target=load_process,
                args=(
                    port,
                    tokens[index::count],
                    index + 1,
                    args.right,
                    start_at,
                    measure_from,
                    stop_at,
                    results,
                ),
                daemon=True,
            )
            process.start()
            processes.append(process)
        time.sleep(max(0.0, measure_from - time.monotonic()))
        database = urlsplit(args.database_url).path.lstrip("/")
        pids = [started.pid for started in processes if started.pid is not None]
        first = cpu_sample(server.pid, database, pids)
        time.sleep(max(0.0, stop_at - time.monotonic()))
        last = cpu_sample(server.pid, database, pids)
        try:
            tallies = [results.get(timeout=120) for _ in processes]
        except queue.Empty:
            sys.exit("a load-generator process did not report; see its traceback above")
        for started in processes:
            started.join()
    finally:
        for started in processes:
            if started.is_alive():
                started.terminate()
        if server is not None:
            stop(server)

    latencies = sorted(x for tally in tallies for x in tally.latencies)
    answer_errors = sum(tally.answer_errors for tally in tallies)
    other_errors = sum(tally.other_errors for tally in tallies)
    answers = len(latencies)
    database = "PostgreSQL" if args.database_url else "SQLite"
    wall = last.wall - first.wall
    print("| database | workers | learners | duration | answers | answers/s | p50 ms | p99 ms |")
    print("|---|---|---|---|---|---|---|---|")
    print(
        f"| {database} | {args.workers} | {args.learners} | {args.duration:g} s | {answers} "
        f"| {answers / args.duration:.0f} | {percentile(latencies, 0.50) * 1000:.1f} "
        f"| {percentile(latencies, 0.99) * 1000:.1f} |"
    )
    print(
        f"errors: {answer_errors} answers, {other_errors} task starts "
        f"(sets started: {sum(t.tasks for t in tallies)}, "
        f"reconnects: {sum(t.reconnects for t in tallies)})"
    )
    cores = {
        "gunicorn": last.server - first.server,
        "PostgreSQL backends": last.database - first.database,
        "load generator": last.loaders - first.loaders,
    }
    other = last.machine - first.machine - sum(cores.values())
    print(
        "CPU while measured, in cores: "
        + ", ".join(f"{name} {used / wall:.2f}" for name, used in cores.items() if used)
        + f", anything else {max(0.0, other) / wall:.2f} (of {os.cpu_count()} cores)"
    )
    for sample in [s for tally in tallies for s in tally.samples][:5]:
        print(f"  {sample}")
    server_errors = [
        line
        for line in log.read_text(errors="replace").splitlines()
        if line and not line.startswith("Proficio is running")
    ]
    if server_errors:
        print(f"server log ({len(server_errors)} lines), last lines:")
        for line in server_errors[-10:]:
            print(f"  {line}")


def _interrupted(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--learners", type=int, default=50, help="simulated learners (threads)")
    parser.add_argument("--duration", type=float, default=30, help="measured seconds")
    parser.add_argument("--warmup", type=float, default=5, help="seconds of load not measured")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument(
        "--processes", type=int, default=2, help="load-generator processes (learners split)"
    )
    parser.add_argument("--right", type=float, default=0.8, help="share of right answers")
    parser.add_argument(
        "--database-url", default="", help="PostgreSQL (an empty database); default SQLite"
    )
    args = parser.parse_args()
    if min(args.learners, args.workers, args.processes) < 1 or args.duration <= 0:
        parser.error("learners, workers, processes and duration must be positive")
    if not PACK.is_dir():
        sys.exit(f"the conformance pack is not at {PACK}")
    signal.signal(signal.SIGTERM, _interrupted)
    try:
        with tempfile.TemporaryDirectory(prefix="proficio-load-") as folder:
            run(args, Path(folder))
    except KeyboardInterrupt:
        sys.exit("interrupted; the server was stopped")


if __name__ == "__main__":
    main()
