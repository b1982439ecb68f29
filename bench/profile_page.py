#!/usr/bin/env python
"""Render one page in-process over a seeded database and print its time, queries and profile.

    .venv/bin/python bench/profile_page.py /p/pole-001/annuaire/ [--user EMAIL] [-n 20] [--profile]

For finding why a page is slow; the figures that count come from bench/run.py (over HTTP).
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--db", default=str(ROOT / "var" / "national.sqlite3"))
    parser.add_argument("--user", default="")
    parser.add_argument("-n", type=int, default=20)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    os.environ.update(DJANGO_SETTINGS_MODULE="config.settings", DB_NAME=args.db, DEBUG="0", LOG_LEVEL="ERROR")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from peps.accounts.models import User

    client = Client()
    if args.user:
        client.force_login(User.objects.get(email=args.user))
    for path in args.paths:
        response = client.get(path)
        times = []
        for _ in range(args.n):
            started = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        times.sort()
        p95 = times[max(0, int(len(times) * 0.95) - 1)]
        print(
            f"{path}: HTTP {response.status_code}, {len(response.content) // 1024} KiB, {len(queries)} queries, "
            f"p50 {statistics.median(times):.1f} ms, p95 {p95:.1f} ms"
        )
        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(5):
                client.get(path)
            profiler.disable()
            pstats.Stats(profiler).sort_stats(os.environ.get("SORT", "cumulative")).print_stats(
                int(os.environ.get("TOP", "40"))
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
