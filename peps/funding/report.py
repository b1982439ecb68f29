"""This app's sections of the annual report (see peps.reports.figures for the shapes),
registered from its AppConfig.ready()."""

from django.utils.translation import gettext as _

from peps.funding.selectors import funding_summary
from peps.reports.figures import Period, first_link, pairs, row, section, sections, table


def funding(pole, period: Period) -> dict:
    title = _("Financements")
    years = list(funding_summary(pole, period.start.year, period.end.year) or [])
    target = first_link(pole, ["funding:index"])
    totals = [row(f"total-{y['year']}", y["year"], y.get("total") or 0, target, unit="€") for y in years]
    shares = [
        row(f"public-share-{y['year']}", y["year"], _percent(y.get("public_share")), target, unit="%") for y in years
    ]
    figures = []
    for y in years:
        figures += [
            row(f"total-{y['year']}", _("Total %(year)s (€)") % {"year": y["year"]}, y.get("total") or 0, target),
            row(f"fees-{y['year']}", _("Cotisations %(year)s (€)") % {"year": y["year"]}, y.get("fees") or 0, target),
            row(
                f"public-{y['year']}",
                _("Financements publics %(year)s (€)") % {"year": y["year"]},
                y.get("public") or 0,
                target,
            ),
        ]
    kinds = []
    for y in years:
        for i, (label, value) in enumerate(pairs(y.get("by_kind"))):
            kinds.append(row(f"kind-{y['year']}-{i}", f"{y['year']} — {label}", value, target))
    return section(
        "funding",
        title,
        figures=figures,
        tables=[
            table("totals", _("Ressources par année (€)"), totals, unit="€"),
            table("public_share", _("Part des financements publics (%)"), shares, unit="%"),
            table("by_kind", _("Ressources par origine (€)"), kinds, unit="€"),
        ],
        note=_("Années civiles %(start)s à %(end)s.") % {"start": period.start.year, "end": period.end.year},
    )


def _percent(share) -> float:
    """public_share is given from 0 to 100 by funding_summary."""
    return round(float(share or 0), 1)


def register() -> None:
    """Called from this app's AppConfig.ready()."""
    sections.register(funding, order=110)
