"""A 500-row class roster imported over real HTTP while other learners keep answering.

    .venv/bin/python bench/import_roster.py [--rows 500] [--learners 10] [--pause 0.1]
        [--baseline 15] [--passwords generated|given] [--workers 2] [--database-url postgres://…]
        [--pack ../shared/conformance/pack]

Starts `proficio serve --no-demo` (gunicorn, as in production) on a free port with a fresh data
folder and the conformance course, exactly as bench/load_answers.py does (whose helpers it
uses); with `--database-url` on that PostgreSQL database, which must be empty. A teacher is made
with `proficio manage createteacher`, and makes a class through the API.

Then `--learners` learners answer practice questions without end, each pausing `--pause` seconds
between answers (a class at work, not a flood). After a warm-up of 5 s and `--baseline` seconds
of answers, the teacher posts a CSV of `--rows` new learners to
`POST /api/v1/classes/{id}/learners/import`: with their passwords empty (the import makes them)
or, with `--passwords given`, each row with its own password. Measured:

- the import, end to end: from sending the request to the last byte of its reply;
- the answers' p50 and p99 (ms) in the baseline seconds before the import, and while it ran.

One of the generated passwords (or given ones) is then used to sign in, to show they work.
Prints a Markdown table row for docs/benchmarks.md and the errors (there should be none).
The server is stopped and the temporary folder removed at the end, also on Ctrl+C.
"""

import argparse
import multiprocessing
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.queues import Queue
from pathlib import Path
from typing import Any

from load_answers import (
    COURSE,
    PACK,
    RIGHT,
    SKILLS,
    Client,
    _interrupted,
    free_port,
    percentile,
    sign_up,
    stop,
    wait_until_serving,
)

TEACHER, TEACHER_PASSWORD = "bench-teacher", "bench-teacher-Passw0rd"
WARMUP = 5.0

# One answer: (when it ended, seconds it took, whether it was a 2xx).
Answer = tuple[float, float, bool]
Stop = Any  # a multiprocessing Event shared with the load-generator processes


def answer_questions(port: int, token: str, pause: float, stopped: Stop) -> list[Answer]:
    """One learner: right answers to practice questions, one after another, until stopped."""
    client, answers = Client(port, token), []
    rng = random.Random(token)
    try:
        while not stopped.is_set():
            skill = rng.choice(SKILLS)
            status, task = client.call(
                "POST", "/tasks", {"kind": "practice", "course": COURSE, "skill": skill}
            )
            question = task.get("question") if isinstance(task, dict) else None
            while question is not None and not stopped.is_set():
                body = {
                    "position": question["position"],
                    "response": RIGHT[question["skill"]],
                    "attempt_id": uuid.uuid4().hex,
                }
                began = time.monotonic()
                status, reply = client.call("POST", f"/tasks/{task['id']}/answers", body)
                ok = 200 <= status < 300 and isinstance(reply, dict)
                answers.append((time.monotonic(), time.monotonic() - began, ok))
                question = reply.get("next_question") if ok else None
                time.sleep(pause)
    finally:
        client.close()
    return answers


def load_process(
    port: int, tokens: list[str], pause: float, stopped: Stop, results: "Queue[list[Answer]]"
) -> None:
    """A load-generator process: one thread per learner; all its answers sent back."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with ThreadPoolExecutor(max_workers=len(tokens)) as pool:
        done = pool.map(lambda token: answer_questions(port, token, pause, stopped), tokens)
        results.put([answer for answers in done for answer in answers])


def roster(rows: int, given: bool) -> str:
    lines = ["username,display_name,password"]
    for number in range(1, rows + 1):
        password = f"pupil-{number}-{uuid.uuid4().hex[:8]}" if given else ""
        lines.append(f"pupil{number},Pupil {number},{password}")
    return "\n".join(lines) + "\n"


def summary(answers: list[Answer], start: float, end: float) -> tuple[int, float, float, int]:
    """(answers, p50 ms, p99 ms, errors) of the answers that ended between start and end."""
    inside = [answer for answer in answers if start <= answer[0] <= end]
    latencies = sorted(seconds for _, seconds, ok in inside if ok)
    errors = sum(1 for *_, ok in inside if not ok)
    return (
        len(latencies),
        percentile(latencies, 0.50) * 1000,
        percentile(latencies, 0.99) * 1000,
        errors,
    )


def run(args: argparse.Namespace, work: Path) -> None:
    env = {**os.environ, "PROFICIO_HOME": str(work / "home")}
    env.pop("DATABASE_URL", None)
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    proficio = [sys.executable, "-m", "proficio.cli"]
    for command in (
        ["import", str(args.pack)],
        ["manage", "createteacher", TEACHER, "--password", TEACHER_PASSWORD],
    ):
        done = subprocess.run([*proficio, *command], env=env, capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"proficio {command[0]} failed:\n{done.stdout}\n{done.stderr}")

    port, log = free_port(), work / "server.log"
    serve = [*proficio, "serve", "--no-demo", "--port", str(port), "--workers", str(args.workers)]
    server: subprocess.Popen[bytes] | None = None
    processes: list[multiprocessing.process.BaseProcess] = []
    try:
        with log.open("wb") as output:
            server = subprocess.Popen(
                serve, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
            )
        wait_until_serving(server, port, log)
        status, reply = Client(port).call(
            "POST", "/auth/token", {"username": TEACHER, "password": TEACHER_PASSWORD}
        )
        if status != 200:
            sys.exit(f"POST /auth/token → {status} {reply}")
        teacher = Client(port, reply["token"])
        status, klass = teacher.call("POST", "/classes", {"name": "Year 7", "courses": [COURSE]})
        if status != 201:
            sys.exit(f"POST /classes → {status} {klass}")
        run_id = uuid.uuid4().hex[:8]
        with ThreadPoolExecutor(max_workers=4) as pool:
            tokens = list(
                pool.map(lambda i: sign_up(port, f"bench-{run_id}-{i}"), range(args.learners))
            )
        print(f"{args.learners} learners answering…", file=sys.stderr)

        context = multiprocessing.get_context("spawn")
        results: Queue[list[Answer]] = context.Queue()
        stopped = context.Event()
        import_at = time.monotonic() + 1.0 + WARMUP + args.baseline
        count = max(1, min(args.processes, args.learners))
        for index in range(count):
            process = context.Process(
                target=load_process,
                args=(port, tokens[index::count], args.pause, stopped, results),
                daemon=True,
            )
            process.start()
            processes.append(process)
        time.sleep(max(0.0, import_at - time.monotonic()))

        csv_text = roster(args.rows, args.passwords == "given")
        began = time.monotonic()
        status, report = teacher.call(
            "POST", f"/classes/{klass['id']}/learners/import", {"csv": csv_text}
        )
        ended = time.monotonic()
        time.sleep(2.0)
        stopped.set()
        answers = [answer for _ in processes for answer in results.get(timeout=120)]
        for started in processes:
            started.join()
        if status != 200 or not isinstance(report, dict):
            sys.exit(f"the import answered {status}: {report}")
        first = "pupil1"
        password = (
            csv_text.splitlines()[1].split(",")[2]
            if args.passwords == "given"
            else report["generated_passwords"][first]
        )
        signed_in, _ = Client(port).call(
            "POST", "/auth/token", {"username": first, "password": password}
        )
    finally:
        for started in processes:
            if started.is_alive():
                started.terminate()
        if server is not None:
            stop(server)

    before = summary(answers, import_at - args.baseline, import_at)
    during = summary(answers, began, ended)
    database = "PostgreSQL" if args.database_url else "SQLite"
    print(
        "| database | rows | passwords | import s | answers before | p50 / p99 ms before "
        "| answers during | p50 / p99 ms during |"
    )
    print("|---|---|---|---|---|---|---|---|")
    print(
        f"| {database} | {args.rows} | {args.passwords} | {ended - began:.2f} | {before[0]} "
        f"| {before[1]:.1f} / {before[2]:.1f} | {during[0]} | {during[1]:.1f} / {during[2]:.1f} |"
    )
    print(
        f"created {len(report['created'])}, row errors {len(report['errors'])}, answer errors "
        f"{before[3]} before and {during[3]} during; signing in as {first}: {signed_in}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=500, help="new learners in the CSV")
    parser.add_argument("--passwords", choices=("generated", "given"), default="generated")
    parser.add_argument("--learners", type=int, default=10, help="learners answering meanwhile")
    parser.add_argument("--pause", type=float, default=0.1, help="seconds between answers")
    parser.add_argument("--baseline", type=float, default=15, help="seconds before the import")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--processes", type=int, default=2, help="load-generator processes")
    parser.add_argument(
        "--database-url", default="", help="PostgreSQL (an empty database); default SQLite"
    )
    parser.add_argument("--pack", type=Path, default=PACK, help="the conformance pack's folder")
    args = parser.parse_args()
    if min(args.rows, args.learners, args.workers, args.processes) < 1:
        parser.error("rows, learners, workers and processes must be positive")
    if not args.pack.is_dir():
        sys.exit(f"the conformance pack is not at {args.pack}")
    signal.signal(signal.SIGTERM, _interrupted)
    try:
        with tempfile.TemporaryDirectory(prefix="proficio-roster-") as folder:
            run(args, Path(folder))
    except KeyboardInterrupt:
        sys.exit("interrupted; the server was stopped")


if __name__ == "__main__":
    main()
