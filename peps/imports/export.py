"""Export of a pole's directory in the shapes the import reads: the same column labels, the
PEPS identifier first, so that export → edit in a spreadsheet → import changes only what
was edited (rows are matched by their identifier and only changed cells are written)."""

import io
from collections.abc import Iterator

from django.db.models import Prefetch
from openpyxl import Workbook

from peps.activity.models import Contact
from peps.directory.models import Structure
from peps.poles.models import Membership, MembershipFee, Pole

from .fields import fields_for
from .models import ImportKind
from .parsing import neutralise


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if hasattr(value, "isoformat"):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _structure_cells(structure: Structure) -> dict[str, str]:
    return {
        "id": str(structure.pk),
        "name": structure.name,
        "legal_form": str(structure.get_legal_form_display()),
        "siren": structure.siren,
        "siret": structure.siret,
        "rna": structure.rna,
        "commune": structure.commune_id or "",
        "address": structure.address,
        "email": structure.email,
        "phone": structure.phone,
        "website": structure.website,
        "summary": structure.summary,
        "contact_name": structure.contact_name,
        "naf_code": structure.naf_code,
        "is_ess": _text(structure.is_ess),
        "founded_on": _text(structure.founded_on),
    }


def export_rows(pole: Pole, kind: str) -> Iterator[list[str]]:
    fields = [f for f in fields_for(kind) if not (kind == ImportKind.CONTACTS and f.name == "siret")]
    yield [str(f.label) for f in fields]
    if kind == ImportKind.CONTACTS:
        contacts = Contact.objects.filter(pole=pole).select_related("structure").order_by("date", "pk")
        for c in contacts.iterator(chunk_size=1000):
            cells = {
                "date": _text(c.date),
                "structure": c.structure.name if c.structure else "",
                "commune": (c.structure.commune_id or "") if c.structure else "",
                "person_name": c.person_name,
                "channel": str(c.get_channel_display()),
                "topic": c.topic,
                "notes": c.notes,
                "follow_up": c.follow_up,
                "follow_up_on": _text(c.follow_up_on),
            }
            yield [cells.get(f.name, "") for f in fields]
        return
    structures = Structure.objects.filter(pole=pole).order_by("name", "pk")
    if kind == ImportKind.MEMBERS:
        memberships = (
            Membership.objects.filter(pole=pole)
            .select_related("college")
            .prefetch_related(Prefetch("fees", queryset=MembershipFee.objects.order_by("-year")))
        )
        structures = structures.filter(memberships__pole=pole).prefetch_related(
            Prefetch("memberships", queryset=memberships)
        )
    for structure in structures.iterator(chunk_size=500):
        cells = _structure_cells(structure)
        if kind == ImportKind.MEMBERS:
            membership = next(iter(structure.memberships.all()), None)
            fee = next(iter(membership.fees.all()), None) if membership else None
            cells |= {
                "college": membership.college.name if membership and membership.college else "",
                "joined_on": _text(membership.joined_on) if membership else "",
                "fee_year": str(fee.year) if fee else "",
                "fee_amount": str(fee.amount).replace(".", ",") if fee else "",
                "fee_paid_on": _text(fee.paid_on) if fee else "",
            }
        yield [cells.get(f.name, "") for f in fields]


def export_xlsx(pole: Pole, kind: str) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(str(ImportKind(kind).label)[:31])
    for row in export_rows(pole, kind):
        sheet.append([neutralise(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
