"""This app's sections of the annual report (see peps.reports.figures for the shapes),
registered from its AppConfig.ready()."""

import datetime

from django.utils.translation import gettext as _

from peps.assessment.selectors import pole_results_summary
from peps.reports.figures import Period, link, number, row, section, sections, short_date, table, unavailable


def assessment(pole, period: Period) -> dict:
    title = _("Résultats du référentiel")
    summary = pole_results_summary(pole)
    if not summary:
        return unavailable("assessment", title, _("Le pôle n’a pas encore d’autoévaluation remise."))
    campaign = summary.get("campaign")
    campaign_pk = getattr(campaign, "pk", None)
    target = (link("assessment_pole:results", pole, args=(campaign_pk,)) if campaign_pk else None) or link(
        "assessment_pole:list", pole
    )
    rows = [
        row(
            f"objective-{item.get('code')}",
            f"{item.get('code')} — {item.get('label')}",
            item.get("median") or 0,
            target,
            q1=number(item.get("q1")),
            q3=number(item.get("q3")),
            level=str(item.get("level") or ""),
        )
        for item in summary.get("objectives") or []
    ]
    if isinstance(campaign, dict):
        campaign = campaign.get("title") or campaign.get("name") or ""
    submitted = summary.get("submitted_at")
    note = _("Campagne : %(campaign)s ; remise le %(date)s.") % {
        "campaign": campaign or "—",
        "date": short_date(submitted) if isinstance(submitted, datetime.date) else (submitted or "—"),
    }
    return section(
        "assessment",
        title,
        figures=[row("objectives", _("Objectifs évalués"), len(rows), target)],
        tables=[table("objectives", _("Médiane par objectif (avec quartiles)"), rows, unit="level")],
        note=note,
    )


def register() -> None:
    """Called from this app's AppConfig.ready()."""
    sections.register(assessment, order=100)
