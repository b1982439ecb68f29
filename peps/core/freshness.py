"""Which tables changed since a page was rendered: one stamp per table, bumped by every write.

Every SQL statement goes through `observe` (installed on each new connection). A write
(INSERT, UPDATE, DELETE — ORM, `update()`, bulk or raw alike) stamps its table with the time,
at once and again when the transaction commits. While a page is rendered under `tracking()`,
the tables its queries read are collected; the page cache keeps their stamps and serves the
page again only while none of them has moved. Stamps live in the "stamps" cache, which every
process of the site shares (Redis in production, files on a single machine).
"""

import contextvars
import re
import time
from contextlib import contextmanager

from django.core.cache import caches
from django.db import transaction

WRITE = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO)\s+"?(\w+)', re.IGNORECASE)
SCHEMA = re.compile(r"\s*(?:TRUNCATE|CREATE|ALTER|DROP)\b", re.IGNORECASE)
READ = re.compile(r'\b(?:FROM|JOIN)\s+"?(\w+)', re.IGNORECASE)
# Pages never depend on these (sessions are keyed per person already).
UNTRACKED = frozenset({"django_session"})
# Stamp of "everything": moved by schema changes and table truncation.
EVERYTHING = "*"
# A write stamped this close to the start of a render may not be in what the render read.
CLOCK_MARGIN_NS = 1_000_000_000

_reads: contextvars.ContextVar[set | None] = contextvars.ContextVar("peps_reads", default=None)


def _stamps():
    return caches["stamps"]


def _key(table: str) -> str:
    return f"t:{table}"


def touch(*tables: str) -> None:
    """Mark tables as changed now."""
    now = time.time_ns()
    _stamps().set_many({_key(t): now for t in tables}, timeout=None)


def stamps_of(tables) -> dict[str, int] | None:
    """Current stamps of these tables (and of EVERYTHING); a table never stamped counts as 0."""
    keys = [_key(t) for t in (*tables, EVERYTHING)]
    found = _stamps().get_many(keys)
    missing = [k for k in keys if k not in found]
    if missing:
        # add() never overwrites a stamp another process has just written.
        for key in missing:
            _stamps().add(key, 0, timeout=None)
        found.update(_stamps().get_many(missing))
    if len(found) < len(keys):
        return None
    return found


def _remember_after_commit(connection, table: str) -> None:
    """Stamp the table again once the transaction commits (readers may have seen old rows until then)."""
    if not connection.in_atomic_block:
        return
    block = id(connection.atomic_blocks[0]) if connection.atomic_blocks else None
    pending = getattr(connection, "_peps_pending", None)
    if pending is None or pending[0] != block:
        pending = (block, set())
        connection._peps_pending = pending
        tables = pending[1]
        transaction.on_commit(lambda: touch(*tables) if tables else None, using=connection.alias)
    pending[1].add(table)


def observe(execute, sql, params, many, context):
    """Database execute wrapper: stamps written tables, collects read ones while tracking."""
    written = WRITE.match(sql)
    if written:
        table = written.group(1)
        if table not in UNTRACKED:
            # At once too: a write whose transaction never commits (a test's) must still count.
            touch(table)
            _remember_after_commit(context["connection"], table)
    elif SCHEMA.match(sql):
        touch(EVERYTHING)
    else:
        reads = _reads.get()
        if reads is not None:
            tables = READ.findall(sql)
            if not tables and sql.lstrip()[:6].upper() == "SELECT":
                reads.add(EVERYTHING)  # a read we cannot attribute: depend on everything
            reads.update(t for t in tables if t not in UNTRACKED)
    return execute(sql, params, many, context)


def install(sender, connection, **kwargs) -> None:
    """`connection_created` receiver."""
    if observe not in connection.execute_wrappers:
        connection.execute_wrappers.append(observe)


@contextmanager
def tracking():
    """Collect the tables read inside the block; yields the set, filled as queries run."""
    reads: set[str] = set()
    token = _reads.set(reads)
    try:
        yield reads
    finally:
        _reads.reset(token)


def snapshot(tables: set[str], started_ns: int) -> dict[str, int] | None:
    """Stamps to keep with a page rendered from `tables` since `started_ns`, or None when a
    write may have raced the render (then the page is not kept)."""
    stamps = stamps_of(sorted(tables))
    if stamps is None or any(v >= started_ns - CLOCK_MARGIN_NS for v in stamps.values()):
        return None
    return stamps


def still_fresh(kept: dict[str, int]) -> bool:
    current = _stamps().get_many(list(kept))
    return current == kept
