"""Browser journeys: Playwright drives Debian's Chromium against Django's live server,
and every page a journey visits is checked with axe-core (WCAG 2.1 A and AA)."""

import functools
import os
import re
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from playwright.sync_api import expect

from peps.core.testing.factories import PASSWORD

# Playwright's sync API runs an event loop in this thread; the ORM calls made by the
# test itself (factories, assertions) are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("PEPS_CHROMIUM", "/usr/bin/chromium")
AXE_SOURCE = Path(settings.NODE_MODULES / "axe-core" / "axe.min.js")
ARTIFACTS = Path(settings.BASE_DIR / "test-artifacts")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# axe-core files these under "best-practice", but the house style requires them (one <h1>,
# no skipped heading level, one <main>, all content in landmarks).
HOUSE_RULES = ["page-has-heading-one", "heading-order", "empty-heading", "landmark-one-main", "region", "skip-link"]
# Sub-resources a page needs; the favicon is left out (browsers ask for it on their own).
SUBRESOURCES = {"stylesheet", "script", "image", "font"}
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


@functools.cache
def axe_source() -> str:
    return AXE_SOURCE.read_text(encoding="utf-8")


FAILED = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call" and report.failed:
        item.stash[FAILED] = True
    return report


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
    """A browser tab with helpers: go to a path, check accessibility, keep a screenshot of a
    failure."""

    def __init__(self, page, base_url: str, name: str):
        self.page = page
        self.base_url = base_url
        self.name = name
        self.csp_errors: list[str] = []
        self.script_errors: list[str] = []
        self.broken_resources: list[str] = []
        self.checked_urls: list[str] = []
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.script_errors.append(f"{page.url}: {error}"))
        page.on("response", self._on_response)

    def _on_console(self, message):
        if message.type == "error" and "Content Security Policy" in message.text:
            self.csp_errors.append(message.text)

    def _on_response(self, response):
        # A stylesheet or script that does not load leaves a page half-styled or inert.
        if response.status >= 400 and response.request.resource_type in SUBRESOURCES:
            self.broken_resources.append(f"{response.status} {response.url}")

    def goto(self, path: str, *, status: int | None = None):
        """Go to `path`; any error status fails unless it is the expected `status`."""
        response = self.page.goto(self.base_url + path)
        assert response is not None, f"{path} gave no response"
        if status is None:
            assert response.status < 400, f"{path} answered {response.status}"
        else:
            assert response.status == status, f"{path} answered {response.status}, expected {status}"
        return response

    def check_a11y(self):
        """Run axe-core on the current page; fail on any WCAG 2.1 A/AA violation or
        on a breach of the house rules above."""
        # axe-core is added to the page when it is checked, not by an init script: parsing its
        # 650 kB cost 40–60 ms at every navigation, and most navigations (sign-ins, the
        # reflow and sweep crawls, redirects) are not checked by axe.
        if not self.page.evaluate("typeof window.axe !== 'undefined'"):
            self.page.evaluate(axe_source())
        violations = self.page.evaluate(
            # Only the violations are collected and sent back: the passes list every node
            # of the page, which cost more than the checks themselves.
            """async ([tags, extra]) => {
                const result = await axe.run(document, {
                    runOnly: {type: "tag", values: tags},
                    rules: Object.fromEntries(extra.map((id) => [id, {enabled: true}])),
                    resultTypes: ["violations"],
                });
                return result.violations.map((v) => ({
                    id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.slice(0, 5).map((n) => ({target: n.target})),
                }));
            }""",
            [WCAG_TAGS, HOUSE_RULES],
        )
        self.checked_urls.append(self.page.url)
        if violations:
            lines = [f"axe-core found {len(violations)} violation(s) on {self.page.url}:"]
            for violation in violations:
                targets = ", ".join(str(node["target"]) for node in violation["nodes"][:5])
                lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} — {targets}")
            pytest.fail("\n".join(lines))
        assert not self.csp_errors, f"Content Security Policy violations: {self.csp_errors}"
        assert not self.script_errors, f"JavaScript errors: {self.script_errors}"
        assert not self.broken_resources, f"Resources that failed to load: {self.broken_resources}"

    def check_reflow(self, width: int = 320):
        """WCAG 1.4.10 (Reflow): at 320 CSS pixels wide, nothing but a data table (which the
        criterion exempts) may stick out to the right and force a horizontal scroll."""
        before = self.page.viewport_size
        self.page.set_viewport_size({"width": width, "height": 800})
        overflowing = self.page.evaluate(
            """() => {
                const limit = document.documentElement.clientWidth + 1;
                return [...document.body.querySelectorAll("*")]
                    // A map's tiles and panes are clipped by its container (overflow: hidden).
                    .filter((e) => !e.closest("table") && !e.closest(".leaflet-container") && e.getBoundingClientRect().right > limit)
                    .filter((e) => ![...e.children].some((c) => c.getBoundingClientRect().right > limit))
                    .slice(0, 5)
                    .map((e) => `<${e.tagName.toLowerCase()}${e.className ? " class=" + e.className : ""}> `
                        + `“${(e.textContent || "").trim().slice(0, 40)}” ends at ${Math.round(e.getBoundingClientRect().right)}px`);
            }"""
        )
        if before:
            self.page.set_viewport_size(before)
        assert not overflowing, f"{self.page.url} does not reflow at {width}px: {overflowing}"

    def visit(self, path: str, *, status: int | None = None):
        """Go to a page and check it at once: the usual step of a journey."""
        response = self.goto(path, status=status)
        self.check_a11y()
        return response

    @contextmanager
    def navigation(self, *, status: int | None = None, check: bool = True):
        """Wrap an action (a click, Enter in a form) that loads a new page; then check
        the page's status and its accessibility, as `visit` does for typed addresses.

            with journey.navigation():
                page.get_by_role("button", name="Envoyer").click()
        """
        with self.page.expect_navigation() as info:
            yield
        response = info.value
        if response is not None:
            if status is None:
                assert response.status < 400, f"{response.url} answered {response.status}"
            else:
                assert response.status == status, f"{response.url} answered {response.status}, expected {status}"
        self.page.wait_for_load_state()
        if check:
            self.check_a11y()

    def sign_in(self, email: str, password: str = PASSWORD):
        """Sign in through the real login form. The form is the same for everyone: axe
        checks it in the first journey of each process, not again at every sign-in."""
        if "login" in CHECKED_ONCE:
            self.goto("/compte/login/")
        else:
            self.visit("/compte/login/")
            CHECKED_ONCE.add("login")
        form = self.page.locator("main form")
        form.get_by_label(re.compile(r"^(Courriel|Adresse e-mail|E-mail)", re.I)).fill(email)
        form.get_by_label(re.compile(r"^Mot de passe", re.I)).fill(password)
        with self.navigation():
            form.get_by_role("button", name=re.compile(r"Connexion|Se connecter", re.I)).click()
        expect(self.page.get_by_role("link", name=re.compile("Se déconnecter", re.I))).to_be_visible()

    def screenshot(self, suffix: str = "last"):
        ARTIFACTS.mkdir(exist_ok=True)
        safe = re.sub(r"[^a-zA-Z0-9_-]+", "_", self.name)
        self.page.screenshot(path=str(ARTIFACTS / f"{safe}-{suffix}.png"), full_page=True)


# Pages the same for every journey, already checked by axe in this process.
CHECKED_ONCE: set[str] = set()


@pytest.fixture
def journey_factory(browser, live_server, request):
    """Open independent browser sessions (e.g. two people at once) for one test."""
    # The locmem cache outlives the database flushes between tests: start each journey
    # without pages, figures or sessions cached by an earlier test.
    cache.clear()
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
    # The last page of each tab, for the person reading a failure. Not taken when the test
    # passed: a full-page screenshot of a long page cost up to a second of CPU, 70 times a run.
    if request.node.stash.get(FAILED, False):
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
