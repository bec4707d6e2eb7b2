"""A teacher speaking the teaching API over real HTTP, for the teaching tests."""

from typing import Any

from tests.http_client import HttpClient, Reply

from proficio.accounts.services import create_teacher

PASSWORD = "teaching-password"


class Teacher:
    def __init__(self, http: HttpClient, username: str) -> None:
        self.http = http
        self.username = username
        self.id = create_teacher(username=username, password=PASSWORD).pk
        token = http.post("/api/v1/auth/token", {"username": username, "password": PASSWORD})
        assert token.status == 200, token.body
        self.token: str = token.body["token"]

    def get(self, path: str) -> Reply:
        return self.http.get("/api/v1" + path, token=self.token)

    def post(self, path: str, body: Any = None) -> Reply:
        return self.http.post("/api/v1" + path, body, token=self.token)

    def patch(self, path: str, body: Any) -> Reply:
        return self.http.request("PATCH", "/api/v1" + path, body, token=self.token)

    def delete(self, path: str) -> Reply:
        return self.http.request("DELETE", "/api/v1" + path, token=self.token)

    def ok(self, method: str, path: str, body: Any = None, status: int = 200) -> Any:
        """The body of a call that must succeed with `status`."""
        reply = self.http.request(method, "/api/v1" + path, body, token=self.token)
        assert reply.status == status, (method, path, reply.status, reply.body)
        return reply.body

    def create_class(self, name: str, courses: list[str]) -> dict[str, Any]:
        body: dict[str, Any] = self.ok("POST", "/classes", {"name": name, "courses": courses}, 201)
        return body
