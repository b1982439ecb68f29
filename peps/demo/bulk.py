"""Helpers for writing many rows fast: explicit dates, SQLite write pragmas, progress,
generated identifiers and the one password hash shared by every seeded account."""

import random
import re
import sys
import time
from contextlib import contextmanager
from functools import lru_cache

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.db import connection

from peps.core.identifiers import luhn_ok

# Every demo and synthetic account signs in with this password (printed by demo_logins).
DEMO_PASSWORD = "demo-peps-2026"  # noqa: S105 (public on purpose: demo data only)


@lru_cache(maxsize=1)
def demo_password_hash() -> str:
    """Hashing is slow on purpose (PBKDF2): hash once, reuse for every seeded account."""
    return make_password(DEMO_PASSWORD)


@contextmanager
def explicit_dates():
    """Let seeded rows keep the dates we give them: auto_now/auto_now_add would stamp
    every row with the seeding time, and a pipeline whose whole history happened in the
    same second is useless as a demo or a benchmark. Rows given no date get "now"."""
    patched = {}
    for model in apps.get_models():
        for field in model._meta.concrete_fields:  # a proxy model shares its parent's fields: patch once
            if (getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)) and id(
                field
            ) not in patched:
                patched[id(field)] = field
                field.pre_save = _keep_given_value(field)
    try:
        yield
    finally:
        for field in patched.values():
            del field.pre_save  # back to the class's method


def _keep_given_value(field):
    stamp = type(field).pre_save

    def pre_save(model_instance, add):
        value = getattr(model_instance, field.attname)
        return value if value is not None else stamp(field, model_instance, add)

    return pre_save


@contextmanager
def fast_sqlite_writes():
    """On SQLite, skip fsync during the seed: a crash mid-seed only loses the seed."""
    # Pragmas cannot change inside a transaction (e.g. a test): then write as usual.
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=OFF")
        cursor.execute("PRAGMA cache_size=-262144")
        cursor.execute("PRAGMA temp_store=MEMORY")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous=NORMAL")


class Progress:
    """A plain progress bar on stderr (tqdm is not a dependency)."""

    def __init__(self, total: int, label: str, *, stream=None, width: int = 30):
        self.total, self.label, self.width = max(total, 1), label, width
        self.stream = stream if stream is not None else sys.stderr
        self.done = 0
        self.started = time.monotonic()
        self._last_draw = 0.0

    def advance(self, step: int = 1) -> None:
        self.done += step
        now = time.monotonic()
        if now - self._last_draw >= 0.2 or self.done >= self.total:
            self._last_draw = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        ratio = min(self.done / self.total, 1.0)
        filled = int(ratio * self.width)
        elapsed = now - self.started
        eta = elapsed / ratio - elapsed if ratio else 0
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(
            f"\r{self.label} [{bar}] {self.done}/{self.total} {ratio:5.1%} {elapsed:6.1f}s (reste ~{eta:4.0f}s)"
        )
        if self.done >= self.total:
            self.stream.write("\n")
        self.stream.flush()


def _with_luhn_key(prefix: str) -> str:
    """Append the digit that makes `prefix` + digit pass the Luhn check."""
    for key in "0123456789":
        if luhn_ok(prefix + key):
            return prefix + key
    raise AssertionError("unreachable: one Luhn key always exists")


def fake_siren(rng: random.Random) -> str:
    # Leading 9: no real SIREN starts with 9 except a few public bodies; keeps them visibly fictitious.
    return _with_luhn_key("9" + "".join(rng.choice("0123456789") for _ in range(7)))


def fake_siret(siren: str, rng: random.Random) -> str:
    return _with_luhn_key(siren + f"{rng.randint(1, 9999):04d}")


def fake_rna(departement: str, rng: random.Random) -> str:
    """W, the two first characters of the département (2A/2B kept), seven digits: W423001234."""
    head = departement[:2] if re.match(r"^[0-9][0-9AB]$", departement[:2]) else "75"
    return f"W{head}{rng.randint(0, 9_999_999):07d}"
