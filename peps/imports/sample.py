"""The sample spreadsheet offered on the import page: members of a pole in the Roannais,
invented names on real communes, identifiers with valid check digits, and two rows with
mistakes so that the preview shows what it does with them."""

import io

from openpyxl import Workbook
from stdnum import luhn

from .fields import MEMBERSHIP_FIELDS, STRUCTURE_FIELDS

# (name, legal form, commune code, sector words)
MEMBERS = [
    ("Les Jardins de la Loire", "Association", "42187", "maraîchage d’insertion"),
    ("Atelier Vélo Roannais", "Association", "42187", "réparation de vélos"),
    ("Scop Bois et Charpente", "SCOP", "42184", "charpente et menuiserie"),
    ("Coop’Alim Mably", "SCIC", "42127", "épicerie coopérative"),
    ("Ressourcerie du Roannais", "Association", "42184", "réemploi"),
    ("Théâtre des Pentes", "Association", "42187", "spectacle vivant"),
    ("Entreprise adaptée Textiles d’ici", "Entreprise adaptée", "42187", "confection"),
    ("Mutuelle des Monts", "Mutuelle", "42187", "santé"),
    ("Les Petits Débrouillards Loire Nord", "Association", "42127", "médiation scientifique"),
    ("Habitat Partagé Riorges", "SCIC", "42184", "habitat participatif"),
    ("Énergies Citoyennes Roannaises", "SCIC", "42187", "énergie renouvelable"),
    ("Café associatif La Cour", "Association", "42127", "lien social"),
]


def _siret(n: int) -> tuple[str, str]:
    body = f"8{n:07d}"
    siren = body + luhn.calc_check_digit(body)
    establishment = siren + "0001"
    return siren, establishment + luhn.calc_check_digit(establishment)


def sample_rows() -> list[list[str]]:
    fields = [
        f for f in STRUCTURE_FIELDS if f.name not in ("id", "naf_code", "is_ess", "founded_on")
    ] + MEMBERSHIP_FIELDS
    rows = [[str(f.label) for f in fields]]
    for n, (name, form, commune, activity) in enumerate(MEMBERS, start=1):
        siren, siret = _siret(n * 7919)
        values = {
            "name": name,
            "legal_form": form,
            "siren": siren,
            "siret": siret,
            "commune": commune,
            "address": f"{n} rue de la Coopération",
            "email": f"contact{n}@exemple.org",
            "summary": activity.capitalize(),
            "joined_on": f"0{1 + n % 9}/03/2024",
            "fee_year": "2025",
            "fee_amount": "50" if form == "Association" else "150",
            "fee_paid_on": "15/01/2025",
        }
        rows.append([values.get(f.name, "") for f in fields])
    # Two rows to fix: the preview lists them with their reason.
    mistakes = [
        {"name": "Collectif Sans Clé", "siret": "12345678901234", "commune": "42187"},
        {"name": "Amicale des Quais", "commune": "Atlantide"},
    ]
    for values in mistakes:
        rows.append([values.get(f.name, "") for f in fields])
    return rows


def sample_xlsx() -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Adhérents")
    for row in sample_rows():
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
