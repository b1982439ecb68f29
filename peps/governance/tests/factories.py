"""Factories and helpers for governance tests (shared ones are in peps.core.testing)."""

import datetime

from django.utils import timezone

from peps.core.testing import factories as f
from peps.governance import services
from peps.governance.models import Body, BodyKind, BodyMember
from peps.poles.models import Membership, MembershipFee


def body(pole, kind=BodyKind.COMMISSION, *, name=None, visibility="members", **extra) -> Body:
    # As body_create: proxies in a general meeting, commissions open, unless told otherwise.
    extra.setdefault("allows_proxies", kind == BodyKind.GENERAL_MEETING)
    extra.setdefault("open_to_join", kind == BodyKind.COMMISSION)
    return Body.objects.create(
        pole=pole, kind=kind, name=name or f"{kind} {Body.objects.count()}", visibility=visibility, **extra
    )


def pay(membership: Membership, year: int | None = None, *, paid=True) -> MembershipFee:
    year = year or timezone.localdate().year
    return MembershipFee.objects.create(
        membership=membership, year=year, amount=20, paid_on=datetime.date(year, 1, 10) if paid else None
    )


def paid_member(pole, *, paid=True, **fields):
    user = f.member_of(pole, **fields)
    pay(Membership.objects.get(pole=pole, person=user), paid=paid)
    return user


def seat(body_, person=None, *, structure=None, college=None, role="member") -> BodyMember:
    return BodyMember.objects.create(
        body=body_,
        person=person,
        structure=structure,
        college=college,
        role=role,
        since=timezone.localdate() - datetime.timedelta(days=30),
    )


def motion(pole, *, body_=None, by=None, **fields):
    now = timezone.now()
    values = {
        "title": "Motion de test",
        "text": "Le texte.",
        "opens_at": now - datetime.timedelta(hours=1),
        "closes_at": now + datetime.timedelta(hours=1),
    }
    values.update(fields)
    return services.motion_create(pole=pole, by=by, body=body_, **values)
