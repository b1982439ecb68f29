"""CSV and JSON renderings of a dataset, produced as a stream of byte chunks: one chunk per
few hundred rows, so a 200,000-row export never sits in memory."""

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator

from .datasets import Dataset

# UTF-8 with a byte-order mark: spreadsheets then open « é » as « é », not « Ã© ».
BOM = "\ufeff"
# French spreadsheets expect « ; » between columns (the comma is the decimal separator).
DELIMITER = ";"
ROWS_PER_CHUNK = 500
# A cell starting with one of these is read as a formula by spreadsheets (CSV injection);
# it is prefixed with an apostrophe, except a phone number such as « +33 4 77 … ».
FORMULA_START = frozenset("=+-@\t\r")
PHONE = re.compile(r"\+?[\d .()-]+")


def _cell(value):
    """One CSV cell; the common cases (plain text, numbers) cost one type check."""
    if value is None:
        return ""
    if value.__class__ is str:
        if value and value[0] in FORMULA_START and not PHONE.fullmatch(value):
            return "'" + value
        return value
    if value is True or value is False:
        return "true" if value else "false"
    return value


def csv_chunks(dataset: Dataset, rows: Iterable[tuple]) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=DELIMITER, lineterminator="\r\n")
    buffer.write(BOM)
    writer.writerow(dataset.names)
    count = 0
    for row in rows:
        writer.writerow(map(_cell, row))
        count += 1
        if count % ROWS_PER_CHUNK == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


def json_chunks(dataset: Dataset, rows: Iterable[tuple]) -> Iterator[bytes]:
    """A JSON array of objects, one per row, keyed by the documented column names."""
    names = dataset.names
    parts = ["["]
    first = True
    for row in rows:
        item = json.dumps(dict(zip(names, row, strict=True)), ensure_ascii=False, separators=(",", ":"))
        parts.append(item if first else ",\n" + item)
        first = False
        if len(parts) >= ROWS_PER_CHUNK:
            yield "".join(parts).encode("utf-8")
            parts = []
    parts.append("]\n")
    yield "".join(parts).encode("utf-8")


RENDERERS = {
    "csv": (csv_chunks, "text/csv; charset=utf-8"),
    "json": (json_chunks, "application/json"),
}
