#!/usr/bin/env python
"""Benchmark the pages of PEPS over seeded national data, against a bare "hello" view.

Serves the platform with gunicorn (2 sync workers, DEBUG off) on 127.0.0.1 and a free port,
warms every worker on /hello/, then measures, in three parts (bench/README.md says exactly what):

1. single: each page one request at a time, caches OFF (a dummy cache), p50 and p95;
2. load: each page under `wrk -c8`, caches OFF, requests/s as a share of hello's;
3. mix: a realistic mix, caches ON as in production: many distinct URLs of 10 poles, several
   signed-in people, and one comment written per second, as a share of hello's requests/s.

    make seed-national && make bench
    .venv/bin/python bench/run.py --parts single --pages structure,board

Exit status 0 when every target holds.
"""

import argparse
import http.client
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Only signs the bench's own throw-away sessions on 127.0.0.1.
BENCH_SECRET_KEY = "bench-only-secret-key-not-for-production-0123456789abcdefghij"  # noqa: S105
BENCH_CSRF_SECRET = "benchcsrfsecret0123456789abcdefg"  # noqa: S105  (32 letters and digits, as Django makes them)
BENCH_PEOPLE = 10

# Targets of issue 11.
SINGLE_P95_MS = 25.0
LOAD_TARGET = {False: 0.10, True: 0.07}  # anonymous, signed in
MIX_TARGET, MIX_P99_MS = 0.20, 100.0


@dataclass
class Page:
    name: str
    path: str
    signed_in: bool = False


@dataclass
class Figures:
    status: int | None = None
    rate: float | None = None
    p50_ms: float | None = None
    p95_ms: float | None = None
    p99_ms: float | None = None
    errors: list[str] = field(default_factory=list)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default=str(ROOT / "var" / "national.sqlite3"), help="Seeded SQLite database.")
    parser.add_argument("--parts", default="single,load,mix", help="Which parts to run (default: all three).")
    parser.add_argument("--pages", default="", help="Comma-separated page names (default: all).")
    parser.add_argument("--requests", type=int, default=40, help="Requests per page in the single part.")
    parser.add_argument("--seconds", type=int, default=5, help="Duration of each wrk run of the load part.")
    parser.add_argument("--mix-seconds", type=int, default=20, help="Duration of each mix run.")
    parser.add_argument("--pole", default="pole-001", help="Slug of the pole whose pages are measured.")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument(
        "--access-log",
        default="",
        help="Also write the mix's requests to this file (path, status, microseconds in the worker): "
        "which pages make its tail (bench/tail.py reads it).",
    )
    return parser.parse_args()


# --- The server ---------------------------------------------------------------------------


def server_env(db: Path, *, caches: bool) -> dict[str, str]:
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
        PEPS_NO_RATE_LIMITS="1",
        PEPS_API_RATES="anon=1000000/min,auth=1000000/min",
    )
    if not caches:
        env["PEPS_CACHE"] = "off"
    for name in ("PEPS_ENV", "PEPS_TESTING", "DB_ENGINE", "REDIS_URL"):
        env.pop(name, None)
    return env


def setup_django(env: dict[str, str]) -> None:
    """This process writes sessions and reads URLs with the same settings as the server."""
    for name in set(os.environ) - set(env):
        del os.environ[name]
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self, env: dict[str, str], workers: int, access_log: str = ""):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        gunicorn = Path(sys.executable).with_name("gunicorn")
        command = [
            str(gunicorn) if gunicorn.exists() else "gunicorn",
            "config.wsgi:application",
            *("--workers", str(workers), "--worker-class", "sync", "--bind", f"127.0.0.1:{self.port}"),
            *("--log-level", "warning", "--timeout", "60"),
        ]
        if access_log:
            # Time spent in the worker, queueing before it excluded: a slow page, not a busy server.
            # The cookies last, to tell the signed-in requests (bench sessions, dropped at the end).
            log_format = "%(m)s %(U)s %(s)s %(D)s %({cookie}i)s"
            command += ["--access-logfile", access_log, "--access-logformat", log_format]
        # A process group of its own, so that stopping it stops its workers too.
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)  # noqa: S603

    def wait_until_up(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit("gunicorn stopped before serving: see its messages above.")
            try:
                if get(self.port, "/hello/", "")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise SystemExit("gunicorn did not answer /hello/ in time.")

    def stop(self) -> None:
        if self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def get(port: int, path: str, cookie: str, connection: http.client.HTTPConnection | None = None) -> tuple[int, float]:
    """One GET on 127.0.0.1 (a kept-alive connection when given); status and milliseconds."""
    own = connection is None
    connection = connection or http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    started = time.perf_counter()
    connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
    response = connection.getresponse()
    response.read()
    elapsed = (time.perf_counter() - started) * 1000
    if own:
        connection.close()
    return response.status, elapsed


def warm(server: Server, seconds: int = 3) -> None:
    """A cold worker's first requests cost seconds (imports, templates): wrk reaches every worker."""
    run_wrk(f"{server.base}/hello/", seconds, 8)


# --- Pages and people ---------------------------------------------------------------------


def discover_pages(pole_slug: str) -> tuple[list[Page], list[str]]:
    """Every page shape of the platform that the seed fills, with URLs from reverse()."""
    from django.db.models import Count
    from django.urls import NoReverseMatch, reverse
    from django.utils.http import urlencode

    from peps.activity.models import Contact
    from peps.agenda.models import Event
    from peps.assessment.models import Campaign
    from peps.commons.models import Resource
    from peps.deliberation.models import Debate
    from peps.directory.models import Structure
    from peps.governance.models import Body, Motion
    from peps.partnerships.models import Need
    from peps.poles.models import Pole
    from peps.projects.models import Project
    from peps.reports.models import Report

    problems: list[str] = []
    pole = Pole.objects.filter(slug=pole_slug).first()
    if pole is None:
        raise SystemExit(f"No pole {pole_slug!r} in this database: seed it first (make seed-national).")
    p = pole.slug

    def first(queryset):
        found = queryset.first()
        return found.pk if found is not None else None

    structure = Structure.objects.filter(pole=pole).order_by("name").only("slug").first()
    project = first(Project.objects.filter(pole=pole, visibility="public").order_by("-created_at"))
    debate = first(Debate.objects.filter(pole=pole).annotate(n=Count("arguments")).order_by("-n"))
    resource = first(Resource.objects.filter(pole=pole).annotate(n=Count("bookings")).order_by("-n"))
    event = first(Event.objects.filter(pole=pole).order_by("-starts_at"))
    body = first(Body.objects.filter(pole=pole).annotate(n=Count("seats")).order_by("-n"))
    motion = first(Motion.objects.filter(meeting__body__pole=pole).order_by("-pk"))
    need = first(Need.objects.filter(pole=pole).order_by("-pk"))
    campaign = first(Campaign.objects.filter(status="closed").order_by("-pk"))
    report = first(Report.objects.filter(pole=pole).order_by("-pk"))
    has_contacts = Contact.objects.filter(pole=pole).exists()

    def url(name: str, query: dict | None = None, needs=True, **kwargs) -> str | None:
        if needs is None:
            problems.append(f"{name}: no data in the seed")
            return None
        try:
            path = reverse(name, kwargs=kwargs or None)
        except NoReverseMatch:
            problems.append(f"URL {name} does not exist")
            return None
        return f"{path}?{urlencode(query)}" if query else path

    anonymous = [
        ("network home", url("home")),
        ("network directory", url("network:directory")),
        ("campaign results", url("assessment:results", needs=campaign, pk=campaign)),
        ("open data", url("opendata:index")),
        ("pole home", url("poles:home", pole=p)),
        ("directory ?legal_form", url("directory:list", {"legal_form": "association"}, pole=p)),
        ("directory ?q=solidaire", url("directory:list", {"q": "solidaire"}, pole=p)),
        ("structure", url("directory:structure", needs=structure, pole=p, slug=getattr(structure, "slug", ""))),
        ("project list", url("projects:list", pole=p)),
        ("project", url("projects:detail", needs=project, pole=p, pk=project)),
        ("debate 1,000 arguments", url("deliberation:detail", needs=debate, pole=p, pk=debate)),
        ("agenda", url("agenda:list", pole=p)),
        ("event", url("agenda:detail", needs=event, pole=p, pk=event)),
        ("resource calendar", url("commons:resource", needs=resource, pole=p, pk=resource)),
    ]
    signed_in = [
        ("pole home", url("poles:home", pole=p)),
        ("board", url("projects:board", pole=p)),
        ("directory", url("directory:list", {"legal_form": "association"}, pole=p)),
        ("project", url("projects:detail", needs=project, pole=p, pk=project)),
        ("debate", url("deliberation:detail", needs=debate, pole=p, pk=debate)),
        ("resource calendar", url("commons:resource", needs=resource, pole=p, pk=resource)),
        ("governance body", url("governance:body", needs=body, pole=p, pk=body)),
        ("motion", url("governance:motion", needs=motion, pole=p, pk=motion)),
        ("need with suggestions", url("partnerships:need", needs=need, pole=p, pk=need)),
        ("pole radar", url("assessment_pole:results", needs=campaign, pole=p, pk=campaign)),
        ("annual report", url("reports:detail", needs=report, pole=p, pk=report)),
        ("funding", url("funding:index", pole=p)),
        ("contacts", url("activity:log", needs=True if has_contacts else None, pole=p)),
        ("notifications", url("notifications:list")),
    ]
    pages = [Page("hello", "/hello/")]
    pages += [Page(name, path) for name, path in anonymous if path]
    pages += [Page(f"{name} (coordinator)", path, True) for name, path in signed_in if path]
    return pages, problems


def mix_paths(count: int = 1000) -> list[str]:
    """Distinct public pages of 10 poles: projects, structures, debates, events, directories."""
    from django.urls import reverse

    from peps.directory.models import Structure
    from peps.poles.models import Pole
    from peps.projects.models import Project

    paths: list[str] = []
    poles = list(Pole.objects.filter(slug__startswith="pole-").order_by("slug")[:10])
    per_pole = max(1, count // (2 * max(1, len(poles))))
    for pole in poles:
        for slug in Structure.objects.filter(pole=pole).order_by("?").values_list("slug", flat=True)[:per_pole]:
            paths.append(reverse("directory:structure", kwargs={"pole": pole.slug, "slug": slug}))
        projects = Project.objects.filter(pole=pole, visibility="public").order_by("?").values_list("pk", flat=True)
        for pk in projects[:per_pole]:
            paths.append(reverse("projects:detail", kwargs={"pole": pole.slug, "pk": pk}))
        paths += [
            reverse("poles:home", kwargs={"pole": pole.slug}),
            reverse("directory:list", kwargs={"pole": pole.slug}) + "?legal_form=association",
            reverse("projects:list", kwargs={"pole": pole.slug}),
            reverse("agenda:list", kwargs={"pole": pole.slug}),
        ]
    return paths


def bench_people(pole_slug: str) -> list[tuple[str, int]]:
    """Ten people of the measured pole (coordinators and members) with a session each."""
    from peps.accounts.models import User
    from peps.poles.models import Membership, Pole

    pole = Pole.objects.get(slug=pole_slug)
    people = []
    for index in range(BENCH_PEOPLE):
        email = "bench-coordinator@peps.test" if index == 0 else f"bench-person-{index}@peps.test"
        user, created = User.objects.get_or_create(email=email, defaults={"display_name": f"Bench {index}"})
        if created:
            user.set_unusable_password()
            user.save()
        role = "coordinator" if index < 3 else "member"
        Membership.objects.get_or_create(pole=pole, person=user, defaults={"role": role, "status": "active"})
        people.append((email, user.pk))
    return people


def make_session(user_pk: int) -> str:
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from peps.accounts.models import User

    user = User.objects.get(pk=user_pk)
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


def drop_sessions(keys: list[str]) -> None:
    from importlib import import_module

    from django.conf import settings

    for key in keys:
        import_module(settings.SESSION_ENGINE).SessionStore(session_key=key).delete()


def cookie_for(session_key: str) -> str:
    # A browser holds the CSRF cookie it was given on its first page; so does the bench.
    return f"sessionid={session_key}; csrftoken={BENCH_CSRF_SECRET}"


# --- Measures -----------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def measure_single(server: Server, page: Page, cookie: str, requests: int) -> Figures:
    """One request at a time on one kept-alive connection (as a browser), after one untimed."""
    figures = Figures()
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        figures.status, _ = get(server.port, page.path, cookie if page.signed_in else "", connection)
        if figures.status != 200:
            figures.errors.append(f"HTTP {figures.status}")
            return figures
        times = [get(server.port, page.path, cookie if page.signed_in else "", connection)[1] for _ in range(requests)]
    finally:
        connection.close()
    figures.p50_ms, figures.p95_ms, figures.p99_ms = (percentile(times, s) for s in (0.5, 0.95, 0.99))
    return figures


UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def to_ms(value: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s)", value)
    if not match:
        raise ValueError(value)
    return float(match.group(1)) * UNIT_MS[match.group(2)]


def parse_wrk(output: str) -> Figures:
    figures = Figures()
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    figures.rate = float(rate.group(1)) if rate else None
    for percent, attribute in (("50", "p50_ms"), ("99", "p99_ms")):
        found = re.search(rf"^\s+{percent}(?:\.000)?%\s+(\S+)", output, re.MULTILINE)
        if found:
            setattr(figures, attribute, to_ms(found.group(1)))
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    if non_2xx:
        figures.errors.append(f"{non_2xx.group(1)} non-2xx")
    sockets = re.search(r"Socket errors:(.*)", output)
    if sockets:
        figures.errors.append("socket errors:" + sockets.group(1).strip())
    return figures


def run_wrk(url: str, seconds: int, connections: int, *, cookie: str = "", script: str = "") -> Figures:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    if script:
        command += ["-s", script]
    completed = subprocess.run(  # noqa: S603 (wrk with arguments built here)
        [*command, url], capture_output=True, text=True, timeout=seconds + 60, check=False
    )
    figures = parse_wrk(completed.stdout)
    if completed.returncode != 0:
        figures.errors.append(completed.stderr.strip())
    return figures


# Each request: a person at random (or nobody), then a page that person may open.
MIX_SCRIPT = """
local paths = %(paths)s
local cookies = %(cookies)s
local member_paths = %(member_paths)s
local is_member = %(is_member)s
math.randomseed(%(seed)d)
request = function()
  local headers = {}
  local list = paths
  if #cookies > 0 then
    local who = math.random(#cookies)
    headers["Cookie"] = cookies[who]
    if is_member[who] then list = member_paths end
  end
  return wrk.format("GET", list[math.random(#list)], headers)
end
"""


def lua_list(items: list[str]) -> str:
    return "{" + ",".join(json.dumps(item) for item in items) + "}"


class Writer(threading.Thread):
    """One comment a second on a project of the pole, as a signed-in person, through the site."""

    def __init__(self, server: Server, path: str, cookie: str):
        super().__init__(daemon=True)
        self.server, self.path, self.cookie = server, path, cookie
        self.stop_event = threading.Event()
        self.statuses: list[int] = []

    def run(self) -> None:
        number = 0
        while not self.stop_event.wait(1.0):
            number += 1
            body = f"comment-text=Commentaire+du+banc+d%27essai+n%C2%B0+{number}"
            connection = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=30)
            try:
                headers = {
                    "Cookie": self.cookie,
                    "X-CSRFToken": BENCH_CSRF_SECRET,
                    "Content-Type": "application/x-www-form-urlencoded",
                }
                connection.request("POST", self.path, body=body, headers=headers)
                response = connection.getresponse()
                response.read()
                self.statuses.append(response.status)
            finally:
                connection.close()


def paths_open_to(user_pk: int, paths: list[str]) -> list[str]:
    """The pages a person may open (a member is not sent to the coordination's pages)."""
    from django.test import Client

    from peps.accounts.models import User

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(pk=user_pk))
    try:
        return [path for path in paths if client.get(path).status_code == 200]
    finally:
        client.logout()


def measure_mix(
    server: Server,
    paths: list[str],
    people: list[tuple[str, bool]],
    seconds: int,
    writer_path: str,
    writer_cookie: str,
    member_paths: list[str] | None = None,
) -> Figures:
    """`people`: (cookie, is_member) pairs; members draw from `member_paths`."""
    values = {
        "paths": lua_list(paths),
        "cookies": lua_list([cookie for cookie, _ in people]),
        "member_paths": lua_list(member_paths or paths),
        "is_member": "{" + ",".join("true" if member else "false" for _, member in people) + "}",
        "seed": 2026,
    }
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(MIX_SCRIPT % values)
    writer = Writer(server, writer_path, writer_cookie) if writer_path else None
    if writer:
        writer.start()
    try:
        figures = run_wrk(server.base + "/", seconds, 8, script=script.name)
    finally:
        if writer:
            writer.stop_event.set()
            writer.join()
        os.unlink(script.name)
    if writer:
        bad = [s for s in writer.statuses if s not in (200, 302)]
        figures.errors += [f"{len(writer.statuses)} comments written"] + ([f"writes failed: {bad}"] if bad else [])
    return figures


# --- Report -------------------------------------------------------------------------------


def table(header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    line = "  ".join(f"{{:<{w}}}" for w in widths)
    print(line.format(*header))
    print(line.format(*["-" * w for w in widths]))
    for row in rows:
        print(line.format(*row))


def ms(value: float | None) -> str:
    return f"{value:.1f} ms" if value is not None else "—"


def describe_data() -> str:
    from peps.accounts.models import User
    from peps.directory.models import Structure
    from peps.partnerships.models import Offer
    from peps.poles.models import Pole
    from peps.projects.models import Project

    counts = [(Pole, "poles"), (Structure, "structures"), (User, "people"), (Project, "projects"), (Offer, "offers")]
    return ", ".join(f"{model.objects.count():,} {label}".replace(",", " ") for model, label in counts)


def main() -> int:  # noqa: C901 (a script that reads top to bottom)
    args = parse_args()
    parts = {part.strip() for part in args.parts.split(",")}
    if parts & {"load", "mix"} and not shutil.which("wrk"):
        print("wrk is not installed. On Debian: apt-get install wrk", file=sys.stderr)
        return 2
    db = Path(args.db).resolve()
    if not db.exists():
        print(f"No database at {db}: run `make seed-national` first.", file=sys.stderr)
        return 2
    setup_django(server_env(db, caches=True))
    pages, problems = discover_pages(args.pole)
    if args.pages:
        wanted = {name.strip() for name in args.pages.split(",")}
        pages = [p for p in pages if p.name in wanted or p.name.split(" ")[0] in wanted or p.name == "hello"]
    people = bench_people(args.pole)
    sessions = [make_session(pk) for _, pk in people]
    cookie = cookie_for(sessions[0])
    print(f"Data: {describe_data()} ({db.name})")
    print(
        f"Server: gunicorn, {args.workers} sync workers, DEBUG=0; {os.cpu_count()} CPUs; every worker warmed on /hello/"
    )
    for problem in problems:
        print(f"Skipped: {problem}")
    all_met = True
    try:
        if parts & {"single", "load"}:
            server = Server(server_env(db, caches=False), args.workers)
            try:
                server.wait_until_up()
                warm(server)
                if "single" in parts:
                    rows = []
                    for page in pages:
                        print(f"… single: {page.name}", file=sys.stderr, flush=True)
                        f = measure_single(server, page, cookie, args.requests)
                        met = page.name == "hello" or (f.p95_ms is not None and f.p95_ms <= SINGLE_P95_MS)
                        all_met &= met
                        verdict = "reference" if page.name == "hello" else ("yes" if met else "NO")
                        rows.append(
                            [page.name, ms(f.p50_ms), ms(f.p95_ms), verdict + "".join(f" ({e})" for e in f.errors)]
                        )
                    print(
                        f"\n1. One request at a time, caches off ({args.requests} requests a page): p95 ≤ {SINGLE_P95_MS:.0f} ms"
                    )
                    table(["page", "p50", "p95", "met"], rows)
                if "load" in parts:
                    hello = run_wrk(server.base + "/hello/", args.seconds, args.connections)
                    rows = [["hello", f"{hello.rate:.0f}", "100 %", ms(hello.p99_ms), "reference"]]
                    for page in pages[1:]:
                        print(f"… load: {page.name}", file=sys.stderr, flush=True)
                        f = run_wrk(
                            server.base + page.path,
                            args.seconds,
                            args.connections,
                            cookie=cookie if page.signed_in else "",
                        )
                        ratio = (f.rate or 0) / hello.rate if hello.rate else 0
                        target = LOAD_TARGET[page.signed_in]
                        met = ratio >= target and not f.errors
                        all_met &= met
                        rows.append(
                            [
                                page.name,
                                f"{f.rate or 0:.0f}",
                                f"{ratio:.1%}",
                                ms(f.p99_ms),
                                ("yes" if met else f"NO (< {target:.0%})") + "".join(f" ({e})" for e in f.errors),
                            ]
                        )
                    again = run_wrk(server.base + "/hello/", args.seconds, args.connections)
                    rows.append(
                        [
                            "hello (again)",
                            f"{again.rate:.0f}",
                            f"{(again.rate or 0) / hello.rate:.1%}",
                            ms(again.p99_ms),
                            "drift check",
                        ]
                    )
                    print(
                        f"\n2. Under wrk -c{args.connections}, caches off: anonymous ≥ 10 % of hello, signed in ≥ 7 %"
                    )
                    table(["page", "req/s", "vs hello", "p99", "met"], rows)
            finally:
                server.stop()
        if "mix" in parts:
            paths = mix_paths()
            from django.urls import reverse

            from peps.poles.models import Pole
            from peps.projects.models import Project

            pole = Pole.objects.get(slug=args.pole)
            project = Project.objects.filter(pole=pole, visibility="public").order_by("-created_at").first()
            writer_path = reverse("projects:comment", kwargs={"pole": pole.slug, "pk": project.pk}) if project else ""
            signed_paths = [p.path for p in pages if p.signed_in] + [p for p in paths if f"/p/{args.pole}/" in p]
            # People 0-2 coordinate the pole, the others are members (bench_people).
            member_paths = paths_open_to(people[-1][1], signed_paths)
            signed_people = [(cookie_for(s), index >= 3) for index, s in enumerate(sessions)]
            server = Server(server_env(db, caches=True), args.workers, args.access_log)
            try:
                server.wait_until_up()
                warm(server)
                hello = run_wrk(server.base + "/hello/", args.seconds, args.connections)
                rows = []
                for label, mix, mix_people in (
                    (f"anonymous, {len(paths)} URLs of 10 poles", paths, []),
                    (
                        f"signed in, {len(signed_paths)} URLs ({len(member_paths)} for members), "
                        f"{len(sessions)} people",
                        signed_paths,
                        signed_people,
                    ),
                ):
                    print(f"… mix: {label}", file=sys.stderr, flush=True)
                    f = measure_mix(
                        server, mix, mix_people, args.mix_seconds, writer_path, cookie, member_paths=member_paths
                    )
                    ratio = (f.rate or 0) / hello.rate if hello.rate else 0
                    met = (
                        ratio >= MIX_TARGET
                        and (f.p99_ms or 1e9) <= MIX_P99_MS
                        and not any("non-2xx" in e or "failed" in e for e in f.errors)
                    )
                    all_met &= met
                    rows.append(
                        [
                            label,
                            f"{f.rate or 0:.0f}",
                            f"{ratio:.1%}",
                            ms(f.p50_ms),
                            ms(f.p99_ms),
                            ("yes" if met else "NO") + "".join(f" ({e})" for e in f.errors),
                        ]
                    )
                print(
                    f"\n3. Realistic mix, caches on, one comment written a second: ≥ {MIX_TARGET:.0%} of hello ({hello.rate:.0f} req/s), p99 ≤ {MIX_P99_MS:.0f} ms"
                )
                table(["mix", "req/s", "vs hello", "p50", "p99", "met"], rows)
            finally:
                server.stop()
    finally:
        drop_sessions(sessions)
    print(f"\nTargets {'all met' if all_met else 'NOT all met'}.")
    return 0 if all_met else 1


if __name__ == "__main__":
    random.seed(2026)
    sys.exit(main())
