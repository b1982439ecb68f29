"""Writes on poles: joining, memberships, fees, colleges, settings and territory. Each
function runs in one transaction, keeps the membership history and e-mails after commit."""

import datetime
import functools
from collections.abc import Callable
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from peps.core.tenancy import forget_roles
from peps.notifications.services import notify, notify_coordination

from .models import (
    College,
    Membership,
    MembershipEvent,
    MembershipEventKind,
    MembershipFee,
    MembershipStatus,
    Pole,
    Role,
    TerritoryUnit,
    TerritoryUnitKind,
)
from .selectors import forget_pole_figures, unit_label, unit_name

STAFF_ROLES = {Role.COORDINATOR, Role.ADMIN}


def _event(membership: Membership, kind: str, by, note: str = "") -> None:
    MembershipEvent.objects.create(membership=membership, kind=kind, by=by, note=note[:300])


def _after_change(pole: Pole) -> None:
    # Forget now, and again after commit in case a request cached the old figures meanwhile.
    forget_pole_figures(pole.pk)
    transaction.on_commit(lambda: forget_pole_figures(pole.pk))


# Apps that keep something derived from a pole's territory (the network's map centre and
# regions) register here from their AppConfig.ready(); the territory services below call them
# after commit. An explicit call rather than a post_save signal, which bulk writes skip.
_territory_listeners: list[Callable[[Pole], None]] = []


def on_territory_change(listener: Callable[[Pole], None]) -> None:
    if listener not in _territory_listeners:
        _territory_listeners.append(listener)


def _territory_changed(pole: Pole) -> None:
    for listener in list(_territory_listeners):
        transaction.on_commit(functools.partial(listener, pole))


def _check_college(pole: Pole, college: College | None) -> None:
    if college is not None and college.pole_id != pole.pk:
        raise ValidationError(_("Ce collège n’appartient pas à ce pôle."))


def membership_request(*, pole: Pole, person, college: College | None, structure=None) -> Membership:
    """A signed-in person asks to join (in their own name or for a structure they represent);
    the membership waits for the coordination's approval."""
    _check_college(pole, college)
    if structure is not None and structure.pole_id != pole.pk:
        raise ValidationError(_("Cette structure n’appartient pas à ce pôle."))
    lookup = {"structure": structure} if structure is not None else {"person": person}
    try:
        membership = _request_in_transaction(pole, person, college, structure, lookup)
    except IntegrityError:
        # Two requests at once: the database's unique constraint let only one through.
        raise ValidationError(_("Une adhésion existe déjà ou attend d’être validée.")) from None
    notify_coordination(
        pole=pole,
        kind="poles.membership_requested",
        url=reverse("poles:members", args=[pole.slug]),
        email_template="poles/email/membership_requested",
        context={"pole": pole, "membership": membership, "person": person, "site_url": settings.SITE_URL},
    )
    return membership


def _request_in_transaction(pole, person, college, structure, lookup) -> Membership:
    with transaction.atomic():
        membership = Membership.objects.select_for_update().filter(pole=pole, **lookup).first()
        if membership is not None and membership.status in (MembershipStatus.ACTIVE, MembershipStatus.PENDING):
            raise ValidationError(
                _("Une adhésion existe déjà ou attend d’être validée.")
                if structure is None
                else _("Cette structure est déjà membre du pôle ou sa demande attend d’être validée.")
            )
        if membership is None:
            membership = Membership(pole=pole, **lookup)
        membership.college = college
        membership.role = Role.MEMBER
        membership.status = MembershipStatus.PENDING
        membership.left_on = None
        membership.charter_accepted_at = timezone.now()
        membership.save()
        _event(membership, MembershipEventKind.REQUESTED, person, str(structure or ""))
    return membership


def membership_add(
    *,
    pole: Pole,
    by,
    college: College | None,
    person=None,
    structure=None,
    role: str = Role.MEMBER,
    joined_on: datetime.date | None = None,
    may_grant_staff: bool = False,
) -> Membership:
    """The coordination adds a person (an existing account) or a structure of the pole."""
    _check_college(pole, college)
    if (person is None) == (structure is None):
        raise ValidationError(_("Choisissez une personne ou une structure."))
    if structure is not None and structure.pole_id != pole.pk:
        raise ValidationError(_("Cette structure n’appartient pas à ce pôle."))
    if role in STAFF_ROLES and not may_grant_staff:
        raise ValidationError(_("Seule l’administration du pôle peut confier la coordination ou l’administration."))
    if structure is not None:
        role = Role.MEMBER
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                pole=pole,
                person=person,
                structure=structure,
                college=college,
                role=role,
                status=MembershipStatus.ACTIVE,
                joined_on=joined_on or timezone.localdate(),
            )
            _event(membership, MembershipEventKind.ADDED, by, str(Role(role).label))
    except IntegrityError:
        raise ValidationError(_("Cette personne ou cette structure a déjà une adhésion à ce pôle.")) from None
    _after_change(pole)
    return membership


def membership_update(
    *,
    membership: Membership,
    by,
    college: College | None,
    role: str,
    status: str,
    joined_on: datetime.date | None,
    left_on: datetime.date | None,
    may_grant_staff: bool = False,
) -> Membership:
    """Change a membership; a leaving date means the member has left."""
    pole = membership.pole
    _check_college(pole, college)
    if membership.structure_id:
        role = Role.MEMBER
    staff_change = role != membership.role and (role in STAFF_ROLES or membership.role in STAFF_ROLES)
    if staff_change and not may_grant_staff:
        raise ValidationError(_("Seule l’administration du pôle peut confier ou retirer la coordination."))
    if left_on is not None:
        status = MembershipStatus.LEFT
    elif status == MembershipStatus.LEFT:
        left_on = timezone.localdate()
    if left_on and joined_on and left_on < joined_on:
        raise ValidationError(_("La date de sortie ne peut pas précéder la date d’adhésion."))
    before = (membership.college_id, membership.role, membership.status, membership.joined_on, membership.left_on)
    with transaction.atomic():
        membership.college = college
        membership.role = role
        membership.status = status
        membership.joined_on = joined_on
        membership.left_on = left_on
        membership.save(update_fields=["college", "role", "status", "joined_on", "left_on"])
        after = (college.pk if college else None, role, status, joined_on, left_on)
        if before != after:
            kind = MembershipEventKind.LEFT if status == MembershipStatus.LEFT and before[2] != status else None
            note = f"{Role(role).label} / {MembershipStatus(status).label}"
            _event(membership, kind or MembershipEventKind.UPDATED, by, note)
    if membership.person_id:
        forget_roles(membership.person)
    _after_change(pole)
    return membership


def membership_approve(*, membership: Membership, by) -> Membership:
    """Accept a pending request; the person (or the structure's requester) is told by e-mail."""
    if membership.status != MembershipStatus.PENDING:
        raise ValidationError(_("Cette demande a déjà été traitée."))
    with transaction.atomic():
        membership.status = MembershipStatus.ACTIVE
        membership.joined_on = membership.joined_on or timezone.localdate()
        membership.save(update_fields=["status", "joined_on"])
        _event(membership, MembershipEventKind.APPROVED, by)
    _notify_requester(membership, "poles/email/membership_approved")
    _after_change(membership.pole)
    return membership


def membership_refuse(*, membership: Membership, by, reason: str = "") -> Membership:
    """Refuse a pending request; it stays in the history and the person may ask again."""
    if membership.status != MembershipStatus.PENDING:
        raise ValidationError(_("Cette demande a déjà été traitée."))
    with transaction.atomic():
        membership.status = MembershipStatus.REFUSED
        membership.save(update_fields=["status"])
        _event(membership, MembershipEventKind.REFUSED, by, reason)
    _notify_requester(membership, "poles/email/membership_refused", reason=reason)
    return membership


def _notify_requester(membership: Membership, template: str, **extra) -> None:
    if membership.person_id:
        people = [membership.person]
    else:
        # A structure's request was made by one of its people: the history says who.
        requester = (
            MembershipEvent.objects.filter(membership=membership, kind=MembershipEventKind.REQUESTED)
            .select_related("by")
            .first()
        )
        people = [requester.by] if requester and requester.by else []
    notify(
        recipients=people,
        kind=f"poles.{template.rsplit('/', 1)[-1]}",
        url=membership.pole.get_absolute_url(),
        pole=membership.pole,
        email_template=template,
        context={"membership": membership, "pole": membership.pole, "site_url": settings.SITE_URL, **extra},
    )


def fee_record(
    *,
    membership: Membership,
    by,
    year: int,
    amount: Decimal,
    paid_on: datetime.date | None = None,
    note: str = "",
) -> MembershipFee:
    """Record the fee of one year; a second fee for the same year is refused."""
    if amount < 0:
        raise ValidationError(_("Le montant ne peut pas être négatif."))
    try:
        with transaction.atomic():
            fee = MembershipFee.objects.create(
                membership=membership, year=year, amount=amount, paid_on=paid_on, note=note
            )
            _event(membership, MembershipEventKind.FEE, by, f"{year} : {amount} €")
    except IntegrityError:
        raise ValidationError(
            _("Une cotisation est déjà enregistrée pour %(year)s : modifiez-la plutôt que d’en ajouter une."),
            params={"year": year},
        ) from None
    return fee


def college_save(
    *,
    pole: Pole,
    name: str,
    description: str = "",
    board_seats: int = 0,
    position: int = 0,
    college: College | None = None,
) -> College:
    """Create a college, or change one of this pole's."""
    if college is not None and college.pole_id != pole.pk:
        raise ValidationError(_("Ce collège n’appartient pas à ce pôle."))
    same_name = College.objects.filter(pole=pole, name__iexact=name.strip())
    if college is not None:
        same_name = same_name.exclude(pk=college.pk)
    if same_name.exists():
        raise ValidationError(_("Un collège porte déjà ce nom dans ce pôle."))
    college = college or College(pole=pole)
    college.name = name.strip()
    college.description = description
    college.board_seats = board_seats
    college.position = position
    with transaction.atomic():
        college.save()
    return college


POLE_SETTINGS_FIELDS = [
    "name",
    "short_name",
    "kind",
    "legal_form",
    "territory_name",
    "tagline",
    "purpose",
    "charter",
    "contact_email",
    "website",
    "fee_amount",
    "fee_how_to_pay",
]


def pole_update_settings(*, pole: Pole, by, **values) -> Pole:
    """Change the pole's identity (name, kind, purpose, charter, contacts)."""
    unknown = set(values) - set(POLE_SETTINGS_FIELDS)
    if unknown:
        raise ValueError(f"Not pole settings: {sorted(unknown)}")
    with transaction.atomic():
        for field, value in values.items():
            setattr(pole, field, value)
        pole.full_clean(exclude=["slug"])
        pole.save(update_fields=list(values))
    _after_change(pole)
    return pole


def territory_unit_add(*, pole: Pole, kind: str, code: str) -> TerritoryUnit:
    """Add an administrative unit to the territory, checked against the territory tables."""
    code = code.strip().upper() if kind in ("departement", "commune") else code.strip()
    name = unit_name(kind, code)
    if name is None:
        raise ValidationError(
            _("Code inconnu : aucune unité de niveau « %(kind)s » ne porte le code « %(code)s »."),
            params={"kind": dict(TerritoryUnitKind.choices).get(kind, kind), "code": code},
        )
    try:
        with transaction.atomic():
            unit = TerritoryUnit.objects.create(pole=pole, kind=kind, code=code, label=unit_label(kind, name))
    except IntegrityError:
        raise ValidationError(_("Cette unité fait déjà partie du territoire.")) from None
    _after_change(pole)
    _territory_changed(pole)
    return unit


def territory_unit_remove(*, unit: TerritoryUnit) -> None:
    pole = unit.pole
    with transaction.atomic():
        unit.delete()
    _after_change(pole)
    _territory_changed(pole)
