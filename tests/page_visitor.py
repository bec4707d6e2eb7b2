"""Pages over real HTTP as a browser without JavaScript fetches them.

Cookies are kept and sent back (Secure ones too: behind an HTTPS proxy the browser has them),
forms are posted with the CSRF token of the site's cookie, and redirects are not followed, so a
test sees them.
"""

import http.client
from dataclasses import dataclass
from email.message import Message
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit


@dataclass
class Page:
    status: int
    text: str
    headers: Message
    cookies: SimpleCookie  # what this answer set, with each cookie's flags


class Visitor:
    def __init__(self, base_url: str, headers: dict[str, str] | None = None) -> None:
        self.address = urlsplit(base_url)
        self.headers = headers or {}  # sent with every request
        self.cookies: dict[str, str] = {}

    def get(self, path: str, headers: dict[str, str] | None = None) -> Page:
        return self.request("GET", path, headers=headers)

    def post_form(
        self, path: str, fields: dict[str, str], headers: dict[str, str] | None = None
    ) -> Page:
        """Post as the page's form does, with the CSRF token the site's cookie holds."""
        token = self.cookies.get("csrftoken", "")
        return self.request("POST", path, {**fields, "csrfmiddlewaretoken": token}, headers)

    def request(
        self,
        method: str,
        path: str,
        fields: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> Page:
        sent = {**self.headers, **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if fields is not None:
            body = urlencode(fields)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection(
            self.address.hostname or "127.0.0.1", self.address.port, timeout=30
        )
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            text = response.read().decode()
        finally:
            connection.close()
        cookies: SimpleCookie = SimpleCookie()
        for header in response.headers.get_all("Set-Cookie") or []:
            cookies.load(header)
        self.cookies.update({name: morsel.value for name, morsel in cookies.items()})
        return Page(response.status, text, response.headers, cookies)
