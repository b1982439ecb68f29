"""This app's sections of the annual report (see peps.reports.figures for the shapes),
registered from its AppConfig.ready()."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from peps.directory.models import LegalForm
from peps.poles.models import Membership
from peps.poles.models import MembershipStatus as S
from peps.reports.figures import (
    APPENDIX_LIMIT,
    TOP_LIMIT,
    Period,
    appendix,
    link,
    row,
    section,
    sections,
    short_date,
    table,
)


def _member_at_end(period: Period) -> Q:
    joined = Q(joined_on__lte=period.end) | Q(joined_on__isnull=True, created_at__lt=period.end_at)
    still = Q(status=S.ACTIVE, left_on__isnull=True) | Q(status__in=[S.ACTIVE, S.LEFT], left_on__gt=period.end)
    return joined & still


def _joined_during(period: Period) -> Q:
    return Q(status__in=[S.ACTIVE, S.LEFT]) & (
        period.dates("joined_on") | (Q(joined_on__isnull=True) & period.moments("created_at"))
    )


def members(pole, period: Period) -> dict:
    """Members on the last day of the period, by college and kind; members who joined during it."""
    at_end = Membership.objects.filter(pole=pole).filter(_member_at_end(period))
    grouped = (
        at_end.order_by()
        .values("college_id", "college__name", "college__position")
        .annotate(
            people=Count("pk", filter=Q(person__isnull=False)),
            structures=Count("pk", filter=Q(structure__isnull=False)),
        )
        .order_by("college__position", "college__name")
    )
    by_college, people, structures = [], 0, 0
    for group in grouped:  # one row per college: a handful
        people += group["people"]
        structures += group["structures"]
        name = group["college__name"] or _("Sans collège")
        target = link("poles:members", pole, private=True, college=group["college_id"] or "")
        by_college.append(
            row(f"college-{group['college_id'] or 0}", name, group["people"] + group["structures"], target)
        )
    legal_forms = dict(LegalForm.choices)
    by_form = (
        at_end.filter(structure__isnull=False)
        .order_by()
        .values_list("structure__legal_form")
        .annotate(n=Count("pk"))
        .order_by("-n", "structure__legal_form")
    )
    form_rows = [
        row(f"form-{code}", legal_forms.get(code, code), n, link("directory:list", pole, legal_form=code))
        for code, n in by_form
    ]
    by_sector = (
        at_end.filter(structure__isnull=False)
        .order_by()
        .values_list("structure__sectors__slug", "structure__sectors__name")
        .annotate(n=Count("structure_id", distinct=True))
        .order_by("-n", "structure__sectors__name")[:TOP_LIMIT]
    )
    sector_rows = [
        row(
            f"sector-{slug or 'none'}",
            _(name) if name else _("Sans secteur"),
            n,
            link("directory:list", pole, sector=slug) if slug else None,
        )
        for slug, name, n in by_sector
    ]
    joined = Membership.objects.filter(pole=pole).filter(_joined_during(period))
    new_total = joined.count()
    new_rows = [
        {"cells": [person or structure or "", college or _("Sans collège"), short_date(on or created)], "url": ""}
        for person, structure, college, on, created in joined.order_by("joined_on", "pk").values_list(
            "person__display_name", "structure__name", "college__name", "joined_on", "created_at"
        )[:APPENDIX_LIMIT]
    ]
    members_link = link("poles:members", pole, private=True)
    return section(
        "members",
        _("Membres"),
        figures=[
            row("total", _("Membres à la fin de la période"), people + structures, members_link),
            row(
                "structures",
                _("dont structures"),
                structures,
                link("poles:members", pole, private=True, kind="structure"),
            ),
            row("people", _("dont personnes"), people, link("poles:members", pole, private=True, kind="person")),
            row("new", _("Nouveaux membres pendant la période"), new_total),
        ],
        tables=[
            table("by_college", _("Membres par collège"), by_college),
            table("by_legal_form", _("Structures membres par forme juridique"), form_rows),
            table("by_sector", _("Structures membres par secteur"), sector_rows),
        ],
        appendices=[
            appendix(
                "new_members",
                _("Nouveaux membres pendant la période"),
                [_("Membre"), _("Collège"), _("Depuis le")],
                new_rows,
                new_total,
            )
        ],
        note=_("Les liens mènent aux listes d’aujourd’hui ; les nouveaux membres de la période sont listés en annexe."),
    )


def register() -> None:
    """Called from this app's AppConfig.ready()."""
    sections.register(members, order=10)
