"""Reads of the directory's map view: the structures of the list (same filters), placed at
their commune's coordinates, and the same structures counted per commune for the table."""

from django.db.models import QuerySet
from django.urls import reverse

from .models import Structure

MAP_LIMIT = 2000


def structures_on_map(structures: QuerySet[Structure], *, pole_slug: str) -> dict:
    """Markers (one per structure with a located commune) and rows per commune, from the
    directory's queryset in one query (capped: a map of more would not be read anyway)."""
    rows = (
        structures.prefetch_related(None)
        .order_by("commune__name", "name", "pk")
        .values_list("name", "slug", "commune__code", "commune__name", "commune__latitude", "commune__longitude")[
            :MAP_LIMIT
        ]
    )
    head, tail = reverse("directory:structure", kwargs={"pole": pole_slug, "slug": "SLUG-MARK"}).split("SLUG-MARK")
    markers, communes, unplaced = [], {}, 0
    for name, slug, code, commune, latitude, longitude in rows:
        url = f"{head}{slug}{tail}"
        if latitude is None or longitude is None:
            unplaced += 1
            continue
        markers.append(
            {"name": name, "url": url, "commune": commune, "lat": round(latitude, 5), "lng": round(longitude, 5)}
        )
        group = communes.setdefault(code, {"code": code, "name": commune, "structures": []})
        group["structures"].append({"name": name, "url": url})
    return {
        "markers": markers,
        "communes": sorted(communes.values(), key=lambda c: (-len(c["structures"]), c["name"])),
        "unplaced": unplaced,
        "capped": len(rows) >= MAP_LIMIT,
    }
