"""Reads on the territory: communes of a union of units, commune look-up."""

from django.db.models import Q, QuerySet, Sum

from peps.core.text import fold

from .models import Commune, CommuneOutline

# Which Commune column each kind of unit filters on.
UNIT_FIELD = {
    "region": "region_id",
    "departement": "departement_id",
    "arrondissement": "arrondissement_id",
    "epci": "epci_id",
    "commune": "code",
}


def communes_in_units(units) -> QuerySet[Commune]:
    """Communes of a union of (kind, code) units; an empty union has no commune."""
    condition = Q()
    by_kind: dict[str, list[str]] = {}
    for unit in units:
        kind, code = (unit.kind, unit.code) if hasattr(unit, "kind") else unit
        by_kind.setdefault(kind, []).append(code)
    for kind, codes in by_kind.items():
        condition |= Q(**{f"{UNIT_FIELD[kind]}__in": codes})
    if not condition:
        return Commune.objects.none()
    return Commune.objects.filter(condition)


def population_of(communes: QuerySet[Commune]) -> int:
    return communes.aggregate(total=Sum("population"))["total"] or 0


def communes_matching(query: str, *, limit: int = 10) -> QuerySet[Commune]:
    """Communes by the start of their name, or their INSEE or postal code; biggest first."""
    folded = fold(query).strip()
    if len(folded) < 2:
        return Commune.objects.none()
    if folded.isdigit():
        found = Commune.objects.filter(Q(code__startswith=folded) | Q(postal_codes__contains=folded))
    else:
        found = Commune.objects.filter(search_name__startswith=folded)
    return found.select_related("departement").order_by("-population")[:limit]


def outlines_of(communes: QuerySet[Commune], *, limit: int) -> dict:
    """The outlines of these communes as a GeoJSON FeatureCollection (one query)."""
    rows = (
        CommuneOutline.objects.filter(commune__in=communes.order_by().values("code"))
        .order_by("commune_id")
        .values_list("commune_id", "commune__name", "coordinates")[:limit]
    )
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"code": code, "name": name},
                "geometry": {"type": "MultiPolygon", "coordinates": coordinates},
            }
            for code, name, coordinates in rows
        ],
    }
