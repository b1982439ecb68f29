"""Writes to the territory tables: the import of the official divisions."""

import logging
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from peps.core.text import fold

from . import etalab
from .models import EPCI, Arrondissement, Commune, CommuneOutline, Departement, Region

logger = logging.getLogger("peps.territory")


@dataclass
class ImportReport:
    regions: int
    departements: int
    arrondissements: int
    epcis: int
    communes: int
    with_coordinates: int
    with_outlines: int = 0


def _upsert(model, rows: list, fields: list[str], unique: str = "code") -> None:
    model.objects.bulk_create(
        rows, batch_size=2000, update_conflicts=True, unique_fields=[unique], update_fields=fields
    )


def territory_import(*, directory: Path | None = None, coordinates_file: Path | None = None) -> ImportReport:
    """Import (or refresh) every division in one transaction: a failure changes nothing."""
    regions = etalab.load_json("regions", directory)
    departements = etalab.load_json("departements", directory)
    arrondissements = etalab.load_json("arrondissements", directory)
    epcis = etalab.load_json("epci", directory)
    communes = [c for c in etalab.load_json("communes", directory) if c.get("type") == "commune-actuelle"]
    places = etalab.commune_places(coordinates_file)

    known_arrondissements = {a["code"] for a in arrondissements}
    known_departements = {d["code"] for d in departements}
    # A few overseas collectivities point to units the data set does not describe.
    communes = [c for c in communes if c.get("departement") in known_departements]
    epci_of = {member["code"]: epci["code"] for epci in epcis for member in epci.get("membres", [])}
    with transaction.atomic():
        _upsert(Region, [Region(code=r["code"], name=r["nom"]) for r in regions], ["name"])
        _upsert(
            Departement,
            [Departement(code=d["code"], name=d["nom"], region_id=d["region"]) for d in departements],
            ["name", "region"],
        )
        _upsert(
            Arrondissement,
            [Arrondissement(code=a["code"], name=a["nom"], departement_id=a["departement"]) for a in arrondissements],
            ["name", "departement"],
        )
        _upsert(EPCI, [EPCI(code=e["code"], name=e["nom"], kind=e.get("type", "")) for e in epcis], ["name", "kind"])
        rows = []
        for c in communes:
            place = places.get(c["code"])
            lat_lon = place.point if place else None
            rows.append(
                Commune(
                    code=c["code"],
                    name=c["nom"],
                    search_name=fold(c["nom"]),
                    population=c.get("population") or 0,
                    postal_codes=" ".join(c.get("codesPostaux", [])),
                    departement_id=c["departement"],
                    region_id=c["region"],
                    arrondissement_id=c.get("arrondissement")
                    if c.get("arrondissement") in known_arrondissements
                    else None,
                    epci_id=epci_of.get(c["code"]),
                    latitude=lat_lon[0] if lat_lon else None,
                    longitude=lat_lon[1] if lat_lon else None,
                )
            )
        _upsert(
            Commune,
            rows,
            [
                "name",
                "search_name",
                "population",
                "postal_codes",
                "departement",
                "region",
                "arrondissement",
                "epci",
                "latitude",
                "longitude",
            ],
        )
        outlines = [
            CommuneOutline(commune_id=c["code"], coordinates=places[c["code"]].outline)
            for c in communes
            if c["code"] in places and places[c["code"]].outline
        ]
        _upsert(CommuneOutline, outlines, ["coordinates"], unique="commune")
    report = ImportReport(
        regions=len(regions),
        departements=len(departements),
        arrondissements=len(arrondissements),
        epcis=len(epcis),
        communes=len(rows),
        with_coordinates=sum(1 for r in rows if r.latitude is not None),
        with_outlines=len(outlines),
    )
    logger.info("Territory imported: %s", report)
    return report
