"""A member's own fee: where they stand for the year, and the way forward when it is
unpaid (the amount, how to pay, telling the coordination it is paid or asking a question).
Only the coordination records a payment (peps.poles.services.fee_record)."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from peps.directory.models import Representative, RepresentativeStatus
from peps.notifications.services import notify_coordination

from .models import Membership, MembershipEvent, MembershipEventKind, MembershipFee, MembershipStatus, Pole

MESSAGE_MAX_LENGTH = 2000


@dataclass
class FeeLine:
    membership: Membership
    year: int
    fee: MembershipFee | None
    amount: Decimal | None

    @property
    def paid(self) -> bool:
        return self.fee is not None and self.fee.paid_on is not None

    @property
    def name(self) -> str:
        return self.membership.structure.name if self.membership.structure_id else ""


def current_year() -> int:
    return timezone.localdate().year


def my_fee_lines(*, pole: Pole, user, year: int | None = None) -> list[FeeLine]:
    """The person's own active membership and those of the structures they represent, each
    with this year's fee (the amount recorded, else the pole's yearly amount). Two queries."""
    year = year or current_year()
    represented = Representative.objects.filter(person=user, status=RepresentativeStatus.APPROVED).values(
        "structure_id"
    )
    memberships = list(
        Membership.objects.filter(pole=pole, status=MembershipStatus.ACTIVE)
        .filter(Q(person=user) | Q(structure__in=represented))
        .select_related("structure", "person")
        .order_by("structure__name", "pk")
    )
    fees = {fee.membership_id: fee for fee in MembershipFee.objects.filter(membership__in=memberships, year=year)}
    return [
        FeeLine(
            membership=m,
            year=year,
            fee=fees.get(m.pk),
            amount=fees[m.pk].amount if m.pk in fees else pole.fee_amount,
        )
        for m in memberships
    ]


def fee_line_of(*, pole: Pole, user, membership_pk: int) -> FeeLine:
    for line in my_fee_lines(pole=pole, user=user):
        if line.membership.pk == membership_pk:
            return line
    raise ValidationError(_("Cette adhésion n’est pas la vôtre."), code="not_yours")


def _tell(line: FeeLine, *, by, kind: str, note: str, message: str = "") -> None:
    membership = line.membership
    who = line.name or by.public_name
    MembershipEvent.objects.create(membership=membership, kind=MembershipEventKind.UPDATED, by=by, note=note[:300])
    notify_coordination(
        pole=membership.pole,
        kind=kind,
        text=note[:300],
        url=reverse("poles:membership_edit", kwargs={"pole": membership.pole.slug, "pk": membership.pk}),
        email_template="poles/email/fee_message",
        context={"membership": membership, "who": who, "by": by, "year": line.year, "note": note, "message": message},
    )


def fee_declare_paid(*, line: FeeLine, by, paid_on: datetime.date | None = None, how: str = "") -> None:
    """The member says it is paid: the coordination is told and checks before recording it."""
    if line.paid:
        raise ValidationError(_("Cette cotisation est déjà enregistrée comme réglée."), code="already_paid")
    how = " ".join((how or "").split())[:200]
    note = _("%(who)s indique avoir réglé sa cotisation %(year)s") % {
        "who": line.name or by.public_name,
        "year": line.year,
    }
    if how:
        note += f" ({how})"
    _tell(line, by=by, kind="poles.fee_declared", note=note + ".")


def fee_ask(*, line: FeeLine, by, message: str) -> None:
    """A question about the fee (amount, reduced rate, how to pay) goes to the coordination."""
    message = (message or "").strip()
    if not message:
        raise ValidationError({"message": _("Écrivez votre question.")})
    if len(message) > MESSAGE_MAX_LENGTH:
        raise ValidationError(
            {"message": _("La question tient en %(n)d caractères au plus.") % {"n": MESSAGE_MAX_LENGTH}}
        )
    note = _("%(who)s pose une question sur sa cotisation %(year)s.") % {
        "who": line.name or by.public_name,
        "year": line.year,
    }
    _tell(line, by=by, kind="poles.fee_question", note=note, message=message)
