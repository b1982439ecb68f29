"""Writes of the directory: structures' pages and the claims of their representatives.
Each service validates, writes in one transaction and queues its e-mails on commit."""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from peps.accounts.models import User
from peps.core.identifiers import compact
from peps.notifications.services import notify, notify_coordination
from peps.poles.models import Pole

from .models import Representative, RepresentativeStatus, Sector, Structure

# Fields a structure's page form may set; anything else is ignored.
EDITABLE_FIELDS = (
    "name",
    "legal_form",
    "museum_status",
    "siren",
    "siret",
    "rna",
    "commune",
    "address",
    "website",
    "summary",
    "description",
    "email",
    "phone",
    "contact_name",
    "address_visibility",
    "email_visibility",
    "phone_visibility",
    "contact_visibility",
)
# Path segments of directory URLs that a structure's slug must not shadow.
RESERVED_SLUGS = {"nouvelle", "personnes", "demandes", "choisir"}
SLUG_LENGTH = 70


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def unique_slug(*, pole: Pole, name: str, exclude_pk: int | None = None) -> str:
    """The name as a slug, made unique within the pole with -2, -3… suffixes."""
    base = slugify(name)[:SLUG_LENGTH].strip("-") or "structure"
    same_start = Structure.objects.filter(pole=pole, slug__startswith=base)
    if exclude_pk is not None:
        same_start = same_start.exclude(pk=exclude_pk)
    taken = set(same_start.values_list("slug", flat=True))
    taken |= RESERVED_SLUGS
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _apply(structure: Structure, fields: dict[str, Any]) -> None:
    for name in EDITABLE_FIELDS:
        if name in fields:
            value = fields[name]
            if name in ("siren", "siret", "rna"):
                value = compact(value or "")
            elif value is None and name != "commune":
                value = ""
            setattr(structure, name, value)
    structure.full_clean(exclude=["slug", "search_text"], validate_unique=False, validate_constraints=False)


def _set_sectors(structure: Structure, sectors: Iterable[Sector]) -> None:
    sectors = list(sectors)
    structure.sectors.set(sectors)
    structure.refresh_search_text([sector.name for sector in sectors])
    structure.save(update_fields=["search_text"])


def structure_create(*, pole: Pole, by: User, fields: dict[str, Any], sectors: Iterable[Sector] = ()) -> Structure:
    """Create a structure's page; its creator becomes its first approved representative."""
    structure = Structure(pole=pole, created_by=by)
    _apply(structure, fields)
    for attempt in range(5):
        structure.slug = unique_slug(pole=pole, name=structure.name)
        try:
            with transaction.atomic():
                structure.save()
                _set_sectors(structure, sectors)
                Representative.objects.create(
                    structure=structure,
                    person=by,
                    status=RepresentativeStatus.APPROVED,
                    decided_by=by,
                    decided_at=timezone.now(),
                )
            return structure
        except IntegrityError:
            # Someone took the same slug between our check and our insert: try the next one.
            structure.pk = None
            structure._state.adding = True
            if attempt == 4:
                raise
    raise AssertionError("unreachable")


def structure_update(
    *, structure: Structure, by: User, fields: dict[str, Any], sectors: Iterable[Sector] | None = None
) -> Structure:
    """Update a structure's page. The slug never changes, so links keep working."""
    _apply(structure, fields)
    with transaction.atomic():
        structure.save()
        if sectors is None:
            sectors = structure.sectors.all()
        _set_sectors(structure, sectors)
    return structure


def representative_claim(
    *, structure: Structure, by: User, message: str = "", title: str = ""
) -> tuple[Representative, bool]:
    """Ask to represent a structure. Returns (claim, created): a second claim changes nothing."""
    with transaction.atomic():
        claim, created = Representative.objects.get_or_create(
            structure=structure, person=by, defaults={"message": message.strip(), "title": title.strip()}
        )
        if created:
            pole = structure.pole
            notify_coordination(
                pole=pole,
                kind="directory.claim_new",
                url=reverse("directory:claims", kwargs={"pole": pole.slug}),
                email_template="directory/email/claim_new",
                context={
                    "claim": claim,
                    "structure": structure,
                    "pole": pole,
                    "person": by,
                    "claims_url": _absolute(reverse("directory:claims", kwargs={"pole": pole.slug})),
                },
            )
    return claim, created


def representative_decide(*, representative: Representative, by: User, approve: bool) -> Representative:
    """Approve or refuse a pending claim, keep who decided and when, and tell the claimant."""
    with transaction.atomic():
        claim = (
            Representative.objects.select_for_update()
            .select_related("structure__pole", "person")
            .get(pk=representative.pk)
        )
        if claim.status != RepresentativeStatus.PENDING:
            raise ValidationError(_("Cette demande a déjà été traitée."))
        claim.status = RepresentativeStatus.APPROVED if approve else RepresentativeStatus.REFUSED
        claim.decided_by = by
        claim.decided_at = timezone.now()
        claim.save(update_fields=["status", "decided_by", "decided_at"])
        structure = claim.structure
        notify(
            recipients=[claim.person],
            kind="directory.claim_decided",
            url=structure.get_absolute_url(),
            pole=structure.pole,
            email_template="directory/email/claim_decided",
            context={
                "claim": claim,
                "structure": structure,
                "pole": structure.pole,
                "approved": approve,
                "structure_url": _absolute(structure.get_absolute_url()),
            },
        )
    return claim
