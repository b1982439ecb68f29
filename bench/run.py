#!/usr/bin/env python
"""Benchmark the main pages of PEPS over seeded data, against a bare "hello" view.

Serves the platform with gunicorn (2 sync workers, DEBUG off) on 127.0.0.1 and a free
port, loads each page with `wrk -t2 -c8 --latency` for a fixed time, and prints
requests/s, the ratio to /hello/ measured in the same run, p50 and p99, and whether the
targets of issue 2 are met (anonymous ≥ 25 % of hello, signed-in ≥ 10 %, p99 ≤ 50 ms).

    .venv/bin/python manage.py seed national          # with DB_NAME=var/national.sqlite3
    .venv/bin/python bench/run.py --db var/national.sqlite3 --seconds 10

URLs are discovered from the database (pole-001, its first structure, a public project);
signed-in pages use a session of bench-coordinator@peps.test made directly in the store.
"""

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Only signs the bench's own throw-away session on 127.0.0.1.
BENCH_SECRET_KEY = "bench-only-secret-key-not-for-production-0123456789abcdefghij"  # noqa: S105
BENCH_CSRF_SECRET = "benchcsrfsecret0123456789abcdefg"  # noqa: S105  (32 letters and digits, as Django makes them)
ANONYMOUS_TARGET, SIGNED_IN_TARGET, P99_TARGET_MS = 0.25, 0.10, 50.0
SEARCH_WORDS = ["ressourcerie", "jardins", "solidaire", "association"]


@dataclass
class Page:
    name: str
    path: str
    signed_in: bool = False


@dataclass
class Result:
    page: Page
    status: int | None = None
    requests_per_second: float | None = None
    p50_ms: float | None = None
    p99_ms: float | None = None
    errors: str = ""


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default=str(ROOT / "var" / "national.sqlite3"), help="Seeded SQLite database.")
    parser.add_argument("--seconds", type=int, default=10, help="Duration of each wrk run (default 10).")
    parser.add_argument("--pages", default="", help="Comma-separated page names to run (default: all).")
    parser.add_argument("--pole", default="pole-001", help="Slug of the pole to load.")
    parser.add_argument("--user", default="bench-coordinator@peps.test", help="Coordinator for signed-in pages.")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=8)
    return parser.parse_args()


def server_env(db: Path) -> dict[str, str]:
    """Production-like settings without HTTPS (the bench talks plain HTTP to 127.0.0.1)."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DB_NAME=str(db),
        DEBUG="0",
        ALLOWED_HOSTS="127.0.0.1",
        SECRET_KEY=BENCH_SECRET_KEY,
        LOG_LEVEL="ERROR",
        PYTHONPATH=str(ROOT),
    )
    for name in ("PEPS_ENV", "PEPS_TESTING", "DB_ENGINE", "REDIS_URL"):
        env.pop(name, None)
    return env


def setup_django(env: dict[str, str]) -> None:
    """This process writes the session and reads URLs with the same settings as the server."""
    for name in set(os.environ) - set(env):
        del os.environ[name]
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def discover_pages(pole_slug: str) -> tuple[list[Page], list[str]]:
    """Every page of the brief, with URLs from reverse() and rows found in the database."""
    from django.urls import NoReverseMatch, reverse
    from django.utils.http import urlencode

    from peps.directory.models import Structure
    from peps.poles.models import Pole
    from peps.projects.models import Project

    problems: list[str] = []
    pole = Pole.objects.filter(slug=pole_slug).first()
    if pole is None:
        raise SystemExit(f"No pole {pole_slug!r} in this database: seed it first (manage.py seed national).")
    structure = Structure.objects.filter(pole=pole).order_by("name").only("slug").first()
    project = Project.objects.filter(pole=pole, visibility="public").order_by("-created_at").only("pk").first()
    word = next((w for w in SEARCH_WORDS if Structure.objects.filter(pole=pole, search_text__contains=w).exists()), "a")

    def url(name: str, query: dict | None = None, **kwargs) -> str | None:
        try:
            path = reverse(name, kwargs=kwargs or None)
        except NoReverseMatch:
            problems.append(f"URL {name} does not exist yet")
            return None
        return f"{path}?{urlencode(query)}" if query else path

    p = pole.slug
    candidates = [
        ("hello", url("hello"), False),
        ("network home", url("home"), False),
        ("pole home", url("poles:home", pole=p), False),
        ("directory ?legal_form", url("directory:list", {"legal_form": "association"}, pole=p), False),
        (f"directory ?q={word}", url("directory:list", {"q": word}, pole=p), False),
        ("structure", url("directory:structure", pole=p, slug=structure.slug) if structure else None, False),
        ("project list", url("projects:list", pole=p), False),
        ("project", url("projects:detail", pole=p, pk=project.pk) if project else None, False),
        ("board (coordinator)", url("projects:board", pole=p), True),
        ("directory (coordinator)", url("directory:list", {"legal_form": "association"}, pole=p), True),
        ("project (coordinator)", url("projects:detail", pole=p, pk=project.pk) if project else None, True),
    ]
    # Issues 4 and 5: a debate with 1,000 arguments, the agenda, a busy resource calendar
    # (seeded by seed_big_debate, seed_agenda_demo and seed_commons_demo, see bench/README.md).
    from django.db.models import Count

    from peps.commons.models import Resource
    from peps.deliberation.models import Debate

    debate = Debate.objects.filter(pole=pole).annotate(n=Count("arguments")).order_by("-n").only("pk").first()
    resource = Resource.objects.filter(pole=pole).annotate(n=Count("bookings")).order_by("-n").only("pk").first()
    candidates += [
        ("debate 1,000 arguments", url("deliberation:detail", pole=p, pk=debate.pk) if debate else None, False),
        ("debate (coordinator)", url("deliberation:detail", pole=p, pk=debate.pk) if debate else None, True),
        ("agenda", url("agenda:list", pole=p), False),
        ("resource calendar", url("commons:resource", pole=p, pk=resource.pk) if resource else None, False),
        (
            "resource calendar (coordinator)",
            url("commons:resource", pole=p, pk=resource.pk) if resource else None,
            True,
        ),
    ]
    # Issues 6 and 7: the network's pages, a campaign's results over every pole, a pole's
    # radar, the annual report and the funding page (see bench/README.md for their data).
    from peps.assessment.models import Campaign
    from peps.reports.models import Report

    campaign = Campaign.objects.filter(status="closed").order_by("-pk").only("pk").first()
    report = Report.objects.filter(pole=pole).order_by("-pk").only("pk").first()
    candidates += [
        ("network directory", url("network:directory"), False),
        ("campaign results", url("assessment:results", pk=campaign.pk) if campaign else None, False),
        (
            "pole radar (coordinator)",
            url("assessment_pole:results", pole=p, pk=campaign.pk) if campaign else None,
            True,
        ),
        ("annual report (coordinator)", url("reports:detail", pole=p, pk=report.pk) if report else None, True),
        ("funding (coordinator)", url("funding:index", pole=p), True),
        ("contacts (coordinator)", url("activity:log", pole=p), True),
        ("open data", url("opendata:index"), False),
    ]
    pages = [Page(name, path, signed) for name, path, signed in candidates if path]
    return pages, problems


def make_session(email: str) -> str:
    """A signed-in session written straight into the session store the server reads."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from peps.accounts.models import User

    user = User.objects.filter(email=email).first()
    if user is None:
        raise SystemExit(f"No account {email!r}: signed-in pages need the synthetic seed's coordinator.")
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


def drop_session(key: str) -> None:
    from importlib import import_module

    from django.conf import settings

    import_module(settings.SESSION_ENGINE).SessionStore(session_key=key).delete()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(env: dict[str, str], port: int, workers: int) -> subprocess.Popen:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [
        str(gunicorn) if gunicorn.exists() else "gunicorn",
        "config.wsgi:application",
        "--workers",
        str(workers),
        "--worker-class",
        "sync",
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        "--timeout",
        "60",
    ]
    # A process group of its own, so that stopping it stops its workers too.
    return subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)  # noqa: S603 (fixed command)


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def fetch(base: str, page: Page, cookie: str, timeout: float = 30) -> int:
    # Always http://127.0.0.1:<port> built by this script, never a user-given scheme.
    request = urllib.request.Request(base + page.path, headers={"Cookie": cookie} if page.signed_in else {})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def wait_until_up(base: str, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn stopped before serving: see its messages above.")
        try:
            if fetch(base, Page("hello", "/hello/"), "", timeout=2) == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit("gunicorn did not answer /hello/ in time.")


UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def to_ms(value: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s)", value)
    if not match:
        raise ValueError(value)
    return float(match.group(1)) * UNIT_MS[match.group(2)]


def parse_wrk(output: str, result: Result) -> None:
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    result.requests_per_second = float(rate.group(1)) if rate else None
    for percent, attribute in (("50", "p50_ms"), ("99", "p99_ms")):
        found = re.search(rf"^\s+{percent}(?:\.000)?%\s+(\S+)", output, re.MULTILINE)
        if found:
            setattr(result, attribute, to_ms(found.group(1)))
    problems = []
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    if non_2xx:
        problems.append(f"{non_2xx.group(1)} non-2xx")
    sockets = re.search(r"Socket errors:(.*)", output)
    if sockets:
        problems.append("socket errors:" + sockets.group(1).strip())
    result.errors = "; ".join(problems)


def run_wrk(base: str, page: Page, cookie: str, seconds: int, connections: int) -> Result:
    result = Result(page)
    result.status = fetch(base, page, cookie)  # also warms the worker that answers
    fetch(base, page, cookie)
    if result.status != 200:
        result.errors = f"HTTP {result.status}: not measured"
        return result
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    if page.signed_in:
        command += ["-H", f"Cookie: {cookie}"]
    completed = subprocess.run(  # noqa: S603 (wrk with arguments built here)
        [*command, base + page.path], capture_output=True, text=True, timeout=seconds + 30, check=False
    )
    parse_wrk(completed.stdout, result)
    if completed.returncode != 0:
        result.errors = (result.errors + " " + completed.stderr.strip()).strip()
    return result


def verdict(result: Result, hello_rate: float | None) -> tuple[str, str]:
    if result.page.name.startswith("hello"):
        ratio = f"{result.requests_per_second / hello_rate:.1%}" if result.requests_per_second and hello_rate else "—"
        return ratio, "reference"
    if not (result.requests_per_second and hello_rate):
        return "—", "not measured"
    ratio = result.requests_per_second / hello_rate
    target = SIGNED_IN_TARGET if result.page.signed_in else ANONYMOUS_TARGET
    checks = [ratio >= target, result.p99_ms is not None and result.p99_ms <= P99_TARGET_MS]
    missed = []
    if not checks[0]:
        missed.append(f"ratio < {target:.0%}")
    if not checks[1]:
        missed.append(f"p99 > {P99_TARGET_MS:.0f} ms")
    return f"{ratio:.1%}", "yes" if all(checks) else "NO: " + ", ".join(missed)


def fmt(value: float | None, pattern: str) -> str:
    return pattern.format(value) if value is not None else "—"


def print_table(results: list[Result]) -> bool:
    # The reference is the mean of the two hello runs (first and last).
    hellos = [r.requests_per_second for r in results if r.page.name.startswith("hello") and r.requests_per_second]
    hello = sum(hellos) / len(hellos) if hellos else None
    rows = []
    all_met = True
    for result in results:
        ratio, met = verdict(result, hello)
        all_met &= met in ("yes", "reference")
        rows.append(
            [
                result.page.name,
                "signed in" if result.page.signed_in else "anonymous",
                fmt(result.requests_per_second, "{:.1f}"),
                ratio,
                fmt(result.p50_ms, "{:.2f} ms"),
                fmt(result.p99_ms, "{:.2f} ms"),
                met + (f" ({result.errors})" if result.errors else ""),
            ]
        )
    header = ["page", "visitor", "req/s", "vs hello", "p50", "p99", "target met"]
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    line = "  ".join(f"{{:<{w}}}" for w in widths)
    print(line.format(*header))
    print(line.format(*["-" * w for w in widths]))
    for row in rows:
        print(line.format(*row))
    return all_met


def describe_data() -> str:
    from peps.accounts.models import User
    from peps.directory.models import Structure
    from peps.poles.models import Pole
    from peps.projects.models import Comment, Project

    counts = [
        (Pole, "poles"),
        (Structure, "structures"),
        (User, "people"),
        (Project, "projects"),
        (Comment, "comments"),
    ]
    return ", ".join(f"{model.objects.count():,} {label}".replace(",", " ") for model, label in counts)


def main() -> int:
    args = parse_args()
    if not shutil.which("wrk"):
        print("wrk is not installed. On Debian/Ubuntu: sudo apt-get install wrk", file=sys.stderr)
        return 2
    db = Path(args.db).resolve()
    if not db.exists():
        print(f"No database at {db}: run `make seed-national` first.", file=sys.stderr)
        return 2
    env = server_env(db)
    setup_django(env)
    pages, problems = discover_pages(args.pole)
    if args.pages:
        wanted = {name.strip() for name in args.pages.split(",")}
        pages = [p for p in pages if p.name in wanted or p.name.split(" ")[0] in wanted or p.name == "hello"]
    session_key = make_session(args.user) if any(p.signed_in for p in pages) else ""
    # A browser holds the CSRF cookie it was given on its first page; so does the bench.
    cookie = f"sessionid={session_key}; csrftoken={BENCH_CSRF_SECRET}"
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    print(f"Data: {describe_data()} ({db.name})")
    print(
        f"Server: gunicorn, {args.workers} sync workers, DEBUG=0, on {base}; load: wrk -t2 -c{args.connections} "
        f"-d{args.seconds}s, {os.cpu_count()} CPUs"
    )
    for problem in problems:
        print(f"Skipped: {problem}")
    server = start_server(env, port, args.workers)
    results: list[Result] = []
    try:
        wait_until_up(base, server)
        for page in pages:
            print(f"… {page.name}: {page.path}", file=sys.stderr, flush=True)
            results.append(run_wrk(base, page, cookie, args.seconds, args.connections))
        # hello again at the end: a drift of the machine's load shows as two different figures.
        hello = next((p for p in pages if p.name == "hello"), None)
        if hello:
            results.append(run_wrk(base, Page("hello (again)", hello.path), cookie, args.seconds, args.connections))
    finally:
        stop_server(server)
        if session_key:
            drop_session(session_key)
    print()
    met = print_table(results)
    print()
    print(
        f"Targets: anonymous ≥ {ANONYMOUS_TARGET:.0%} of hello, signed in ≥ {SIGNED_IN_TARGET:.0%}, "
        f"p99 ≤ {P99_TARGET_MS:.0f} ms — {'all met' if met else 'NOT all met'}."
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
