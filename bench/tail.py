"""Which pages make the realistic mix's time and its tail, from the access log that
`bench/run.py --parts mix --access-log FILE` writes (method, path, status, microseconds spent
in the worker, the wait for a free worker excluded).

    .venv/bin/python bench/run.py --parts mix --access-log /tmp/mix.log
    .venv/bin/python bench/tail.py /tmp/mix.log

Paths are grouped by shape and by who asks (a visitor, or someone signed in: the request
carries a session cookie) (a pole's slug, a number or a structure's slug replaced), and each
shape shows how many requests it had, its share of the workers' time, and its p50, p99 and
slowest. A shape with a large share is what to make faster for the throughput; a p99 far above
its p50 is a page that is sometimes slow (a lock, a collection, a cold path).
"""

import re
import statistics
import sys
from collections import defaultdict

SESSION_COOKIE = "sessionid="
SHAPES = (
    (re.compile(r"^/p/[^/]+/"), "/p/<pole>/"),
    (re.compile(r"/\d+/"), "/<n>/"),
    (re.compile(r"^(/p/<pole>/annuaire/)(?!<n>)[^/]+/$"), r"\1<slug>/"),
)


def shape(path: str) -> str:
    for pattern, replacement in SHAPES:
        path = pattern.sub(replacement, path)
    return path


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main(log: str) -> None:
    times: dict[str, list[float]] = defaultdict(list)
    with open(log, encoding="utf-8") as lines:
        for line in lines:
            parts = line.split(maxsplit=4)
            if len(parts) < 4 or parts[1] == "/hello/":
                continue
            method, path, _status, micros = parts[:4]
            who = "signed in" if SESSION_COOKIE in (parts[4] if len(parts) > 4 else "") else "visitor"
            times[f"{who:<9} {method} {shape(path)}"].append(int(micros) / 1000)
    everything = [t for values in times.values() for t in values]
    if not everything:
        raise SystemExit("No request in this log besides /hello/.")
    total = sum(everything)
    print(
        f"{len(everything)} requests, {total / 1000:.1f} s in the workers; "
        f"p50 {statistics.median(everything):.1f} ms, p99 {percentile(everything, 0.99):.1f} ms"
    )
    print(f"{'who and shape':<62} {'count':>6} {'time':>6} {'p50':>7} {'p99':>7} {'max':>7}")
    for name, values in sorted(times.items(), key=lambda item: -sum(item[1])):
        print(
            f"{name[:62]:<62} {len(values):>6} {sum(values) / total:>6.1%} {statistics.median(values):>5.1f}ms"
            f" {percentile(values, 0.99):>5.1f}ms {max(values):>5.1f}ms"
        )


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    main(sys.argv[1])
