"""CSV and JSON renderings of a dataset, produced as a stream of byte chunks: one chunk per
few hundred rows, so a 200,000-row export never sits in memory."""

import io
import json
from collections.abc import Iterable, Iterator

from peps.core.exports import CSV_TYPE, CsvWriter

from .datasets import Dataset

ROWS_PER_CHUNK = 500


def csv_chunks(dataset: Dataset, rows: Iterable[tuple]) -> Iterator[bytes]:
    """The platform's CSV (peps.core.exports: BOM, « ; », formulas neutralised), in chunks."""
    buffer = io.StringIO()
    writer = CsvWriter(buffer)
    writer.writerow(dataset.names)
    count = 0
    for row in rows:
        writer.writerow(row)
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
    "csv": (csv_chunks, CSV_TYPE),
    "json": (json_chunks, "application/json"),
}
