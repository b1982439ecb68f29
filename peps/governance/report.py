"""This app's sections of the annual report (see peps.reports.figures for the shapes),
registered from its AppConfig.ready()."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from peps.deliberation.models import Consultation, Proposal, ProposalStatus
from peps.governance.models import Decision, Motion, MotionStatus, Outcome
from peps.reports.figures import APPENDIX_LIMIT, Period, appendix, link, row, section, sections, short_date, table


def governance(pole, period: Period) -> dict:
    """Votes closed and decisions recorded during the period; consultations held in it."""
    outcomes = dict(
        Motion.objects.filter(pole=pole, status=MotionStatus.CLOSED)
        .filter(period.moments("closed_at"))
        .order_by()
        .values_list("outcome")
        .annotate(n=Count("pk"))
    )
    decided = Decision.objects.filter(pole=pole).filter(period.dates("decided_on"))
    by_body = decided.order_by().values_list("body__name").annotate(n=Count("pk")).order_by("-n", "body__name")
    decisions_total = 0
    body_rows = []
    for i, (name, n) in enumerate(by_body):  # one row per body: a handful
        decisions_total += n
        body_rows.append(row(f"body-{i}", name or _("Tous les membres"), n))
    year = period.start.year if period.start.year == period.end.year else None
    decisions_link = link("governance:decisions", pole, year=year)
    decision_rows = [
        {
            "cells": [short_date(on), title, number],
            "url": reverse("governance:motion", args=(pole.slug, motion_id)) if motion_id else "",
        }
        for number, on, title, motion_id in decided.order_by("decided_on", "sequence").values_list(
            "number", "decided_on", "title", "motion_id"
        )[:APPENDIX_LIMIT]
    ]
    consultations = Consultation.objects.filter(pole=pole, starts_on__lte=period.end, ends_on__gte=period.start).count()
    proposals = (
        Proposal.objects.filter(consultation__pole=pole)
        .filter(period.moments("created_at"))
        .aggregate(
            total=Count("pk"),
            retained=Count("pk", filter=Q(status__in=[ProposalStatus.RETAINED, ProposalStatus.DONE])),
        )
    )
    votes_link = link("governance:motions", pole, status="closed")
    return section(
        "governance",
        _("Votes et décisions"),
        figures=[
            row("votes", _("Votes clos"), sum(outcomes.values()), votes_link),
            row("adopted", _("dont adoptés"), outcomes.get(Outcome.ADOPTED, 0), votes_link),
            row("decisions", _("Décisions inscrites au registre"), decisions_total, decisions_link),
            row(
                "consultations",
                _("Consultations ouvertes pendant la période"),
                consultations,
                link("deliberation:consultations", pole),
            ),
            row("proposals", _("Propositions reçues"), proposals["total"]),
            row("retained", _("dont retenues ou réalisées"), proposals["retained"]),
        ],
        tables=[
            table(
                "by_outcome",
                _("Votes clos, par résultat"),
                [row(f"outcome-{o}", o.label, outcomes.get(o, 0), votes_link) for o in Outcome],
            ),
            table("by_body", _("Décisions, par instance"), body_rows),
        ],
        appendices=[
            appendix(
                "decisions",
                _("Décisions de la période"),
                [_("Date"), _("Intitulé"), _("Numéro")],
                decision_rows,
                decisions_total,
            )
        ],
    )


def register() -> None:
    """Called from this app's AppConfig.ready()."""
    sections.register(governance, order=90)
