"""Browser journeys: Playwright drives Debian's Chromium against Django's live server,
and every page a journey visits is checked with axe-core (WCAG 2.1 A and AA)."""

import os
import re
from pathlib import Path

import pytest
from django.conf import settings

# Playwright's sync API runs an event loop in this thread; the ORM calls made by the
# test itself (factories, assertions) are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("PEPS_CHROMIUM", "/usr/bin/chromium")
AXE_SOURCE = Path(settings.NODE_MODULES / "axe-core" / "axe.min.js")
ARTIFACTS = Path(settings.BASE_DIR / "test-artifacts")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's `chromium` (make system-deps).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Journey:
    """A browser tab with helpers: go to a path, check accessibility, keep a screenshot."""

    def __init__(self, page, base_url: str, name: str):
        self.page = page
        self.base_url = base_url
        self.name = name
        self.csp_errors: list[str] = []
        self.checked_urls: list[str] = []
        page.on("console", self._on_console)

    def _on_console(self, message):
        if message.type == "error" and "Content Security Policy" in message.text:
            self.csp_errors.append(message.text)

    def goto(self, path: str):
        response = self.page.goto(self.base_url + path)
        assert response is not None and response.status < 400, f"{path} answered {response and response.status}"
        return response

    def check_a11y(self):
        """Run axe-core on the current page; fail on any WCAG 2.1 A/AA violation."""
        self.page.evaluate(AXE_SOURCE.read_text(encoding="utf-8"))
        result = self.page.evaluate(
            "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
        )
        violations = result["violations"]
        self.checked_urls.append(self.page.url)
        if violations:
            lines = [f"axe-core found {len(violations)} violation(s) on {self.page.url}:"]
            for violation in violations:
                targets = ", ".join(str(node["target"]) for node in violation["nodes"][:5])
                lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} — {targets}")
            pytest.fail("\n".join(lines))
        assert not self.csp_errors, f"Content Security Policy violations: {self.csp_errors}"

    def visit(self, path: str):
        """Go to a page and check it at once: the usual step of a journey."""
        response = self.goto(path)
        self.check_a11y()
        return response

    def screenshot(self, suffix: str = "last"):
        ARTIFACTS.mkdir(exist_ok=True)
        safe = re.sub(r"[^a-zA-Z0-9_-]+", "_", self.name)
        self.page.screenshot(path=str(ARTIFACTS / f"{safe}-{suffix}.png"), full_page=True)


@pytest.fixture
def journey_factory(browser, live_server, request):
    """Open independent browser sessions (e.g. two people at once) for one test."""
    contexts = []
    journeys = []

    def open_journey(label: str = "") -> Journey:
        context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        journey = Journey(page, live_server.url, request.node.name + (f"-{label}" if label else ""))
        journeys.append(journey)
        return journey

    yield open_journey
    for journey in journeys:
        try:
            journey.screenshot()
        except Exception:  # noqa: BLE001,S110 - a failed screenshot must not hide the test's own failure
            pass
    for context in contexts:
        context.close()


@pytest.fixture
def journey(journey_factory):
    return journey_factory()
