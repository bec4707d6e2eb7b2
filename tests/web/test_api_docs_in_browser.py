"""The API's interactive docs (Swagger UI at /api/v1/docs) work under the site's
Content-Security-Policy: the `page` fixture fails the test on anything the policy refuses."""

from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_api_docs_show_every_call_under_the_content_security_policy(page: Any) -> None:
    page.goto("/api/v1/docs")
    expect(page.get_by_role("heading", name="Proficio API")).to_be_visible()
    courses = page.locator(".opblock-summary-path", has_text="/api/v1/courses").first
    expect(courses).to_be_visible()
    courses.click()
    expect(page.get_by_role("button", name="Try it out").first).to_be_visible()
