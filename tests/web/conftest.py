"""Browser fixtures: Debian's Chromium, driven by Playwright, against the live test server.

`make test` installs Chromium with apt when it is missing; Playwright never downloads a browser.
"""

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
VIEWPORT = {"width": 1280, "height": 800}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        pytest.fail(
            "Debian's Chromium is missing: `make test` installs it (apt-get install chromium)."
        )
    # Playwright's sync API keeps an event loop running on this thread, which Django takes for
    # async code and refuses ORM calls in; the tests and the live server are plain sync code.
    # Module scope keeps that loop (and this switch) to the browser tests alone.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium,
            # As root (CI) Chromium needs --no-sandbox; containers have a small /dev/shm.
            args=["--no-sandbox", "--disable-dev-shm-usage"],
        )
        yield launched
        launched.close()
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


# Each document reports what the Content-Security-Policy refused it (inline script or style, a
# frame or file from elsewhere) to the test, as it happens.
REPORT_POLICY_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  const where = event.sourceFile ? ` at ${event.sourceFile}:${event.lineNumber}` : "";
  window.reportPolicyViolation(
    `${event.documentURI}: ${event.effectiveDirective} refused ${event.blockedURI}${where}`
  );
});
"""


@pytest.fixture
def csp_violations() -> list[str]:
    """What the browser refused under the Content-Security-Policy on `page`, until taken."""
    return []


@pytest.fixture
def page(browser: Any, live_server: Any, csp_violations: list[str]) -> Iterator[Any]:
    """A fresh page (own cookies) whose relative URLs go to the live server.

    Any test using it fails when the Content-Security-Policy refused something on its pages:
    a page the policy breaks is a broken page.
    """
    context = browser.new_context(viewport=VIEWPORT, base_url=live_server.url)
    context.set_default_timeout(15_000)
    context.expose_binding("reportPolicyViolation", lambda _, found: csp_violations.append(found))
    context.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and csp_violations.append(message.text)
        ),
    )
    context.add_init_script(REPORT_POLICY_VIOLATIONS)
    opened = context.new_page()
    yield opened
    context.close()
    assert not csp_violations, "The Content-Security-Policy refused:\n" + "\n".join(csp_violations)


@pytest.fixture
def screenshot() -> Callable[[Any, str], Path]:
    """Save what the page shows to docs/screenshots/<name>.png (the README links them)."""

    def take(page: Any, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        image: bytes = page.screenshot(type="png", animations="disabled")
        # Rewrite only a changed picture, so a test run leaves the work tree as it was.
        if not path.exists() or path.read_bytes() != image:
            path.write_bytes(image)
        return path

    return take
