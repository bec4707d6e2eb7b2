"""A learner speaking the API over real HTTP, for the journey tests."""

import uuid
from typing import Any

from tests.http_client import HttpClient, Reply

# The journey course: skill number N answers N (see tests.samples.write_known_answers_pack).
UNITS = {"numbers": ["one", "two", "three"], "more": ["four", "five"]}
SKILLS = [skill for skills in UNITS.values() for skill in skills]
ANSWERS = {skill: str(number) for number, skill in enumerate(SKILLS, start=1)}
COURSE = "journey"
WRONG = "999"


def new_token(http: HttpClient, username: str, password: str = "a-long-password") -> str:
    """Sign in through the API: a new token of the account."""
    reply = http.post("/api/v1/auth/token", {"username": username, "password": password})
    assert reply.status == 200, reply.body
    token: str = reply.body["token"]
    return token


class Learner:
    def __init__(self, http: HttpClient, username: str, password: str = "a-long-password") -> None:
        self.http = http
        self.username = username
        signed_up = http.post("/api/v1/auth/signup", {"username": username, "password": password})
        assert signed_up.status == 201, signed_up.body
        self.id = signed_up.body["id"]
        self.token = new_token(http, username, password)

    def get(self, path: str) -> Reply:
        return self.http.get("/api/v1" + path, token=self.token)

    def post(self, path: str, body: Any = None) -> Reply:
        return self.http.post("/api/v1" + path, body, token=self.token)

    def start(self, kind: str, **target: str) -> Reply:
        return self.post("/tasks", {"kind": kind, "course": COURSE, **target})

    def answer(
        self, task_id: int, position: int, response: Any, attempt_id: str | None = None
    ) -> Reply:
        body = {
            "position": position,
            "response": response,
            "attempt_id": attempt_id or uuid.uuid4().hex,
        }
        return self.post(f"/tasks/{task_id}/answers", body)

    def work(self, task: dict[str, Any], right: list[bool]) -> dict[str, Any]:
        """Answer the task's questions in order, right or wrong as told; the last reply."""
        question = task["question"]
        reply: dict[str, Any] = {}
        for is_right in right:
            response = ANSWERS[question["skill"]] if is_right else WRONG
            answered = self.answer(task["id"], question["position"], response)
            assert answered.status == 200, answered.body
            reply = answered.body
            question = reply.get("next_question")
            if reply["status"] == "finished":
                break
        return reply

    def practise(self, skill: str, right: list[bool]) -> dict[str, Any]:
        started = self.start("practice", skill=skill)
        assert started.status == 201, started.body
        return self.work(started.body, right)

    def levels(self) -> dict[str, str]:
        progress = self.get(f"/me/courses/{COURSE}/progress")
        assert progress.status == 200, progress.body
        return {skill["slug"]: skill["level"] for skill in progress.body["skills"]}

    def progress(self) -> dict[str, Any]:
        reply = self.get(f"/me/courses/{COURSE}/progress")
        assert reply.status == 200, reply.body
        body: dict[str, Any] = reply.body
        return body
