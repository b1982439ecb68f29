"""This app's sections of the annual report (see peps.reports.figures for the shapes),
registered from its AppConfig.ready()."""

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from peps.partnerships.models import Partnership, PartnershipStatus
from peps.reports.figures import APPENDIX_LIMIT, Period, appendix, link, row, section, sections, short_date, table

FORMED = ("accepted", "active", "completed", "ended")


def partnerships(pole, period: Period) -> dict:
    """Partnerships proposed during the period, and those of them that were formed."""
    proposed = Partnership.objects.filter(pole=pole).filter(period.moments("created_at"))
    counts = dict(proposed.order_by().values_list("status").annotate(n=Count("pk")))
    formed = proposed.filter(status__in=FORMED)
    formed_total = sum(counts.get(s, 0) for s in FORMED)
    rows = [
        {
            "cells": [short_date(created), title, structure or person or "", str(PartnershipStatus(status).label)],
            "url": reverse("partnerships:detail", args=(pole.slug, pk)),
        }
        for pk, created, title, structure, person, status in formed.order_by("created_at", "pk").values_list(
            "pk", "created_at", "project__title", "partner_structure__name", "partner_person__display_name", "status"
        )[:APPENDIX_LIMIT]
    ]
    dashboard = link("partnerships:dashboard", pole, private=True)
    return section(
        "partnerships",
        _("Partenariats"),
        figures=[
            row("proposed", _("Partenariats proposés"), sum(counts.values()), dashboard),
            row("formed", _("Partenariats formés"), formed_total, dashboard),
        ],
        tables=[
            table(
                "by_status",
                _("Partenariats proposés, par statut actuel"),
                [row(f"status-{s}", s.label, counts.get(s, 0)) for s in PartnershipStatus],
            )
        ],
        appendices=[
            appendix(
                "formed",
                _("Partenariats formés"),
                [_("Proposé le"), _("Projet"), _("Partenaire"), _("Statut")],
                rows,
                formed_total,
            )
        ],
    )


def register() -> None:
    """Called from this app's AppConfig.ready()."""
    sections.register(partnerships, order=60)
