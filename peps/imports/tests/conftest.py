import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from stdnum import luhn

from peps.core.testing import factories as f
from peps.poles.models import TerritoryUnit

COMMUNES = [("42187", "Roanne"), ("42184", "Riorges"), ("42127", "Mably")]


@pytest.fixture
def territory(pole):
    """Roanne, Riorges and Mably, the pole's territory (real INSEE codes)."""
    departement = f.DepartementFactory(code="42", name="Loire")
    communes = [f.CommuneFactory(code=code, name=name, departement=departement) for code, name in COMMUNES]
    for code, _name in COMMUNES:
        TerritoryUnit.objects.create(pole=pole, kind="commune", code=code)
    return communes


def siret_for(n: int) -> str:
    body = f"8{n:07d}"
    siren = body + luhn.calc_check_digit(body)
    establishment = siren + "0001"
    return establishment + luhn.calc_check_digit(establishment)


def csv_upload(rows: list[list[str]], *, name: str = "fichier.csv", encoding: str = "utf-8", delimiter: str = ";"):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return SimpleUploadedFile(name, buffer.getvalue().encode(encoding), content_type="text/csv")


MEMBER_HEADER = [
    "Nom",
    "Forme juridique",
    "SIRET",
    "Commune",
    "E-mail",
    "Année de cotisation",
    "Montant de la cotisation",
]
