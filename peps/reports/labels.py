"""Sentences of the report with a value in them, and the figure and chart functions, for the
report's Jinja2 partial (jinja2/reports/): the sentences are written here so that
makemessages extracts them (the same messages as the Django template had)."""

from django.utils.translation import gettext

from .templatetags.report_charts import bar_chart, figure


def key_figures(title: str) -> str:
    return gettext("%(title)s : chiffres clés") % {"title": title}


def data_of(title: str) -> str:
    return gettext("Données : %(title)s") % {"title": title}


def appendix_of(title: str) -> str:
    return gettext("Liste en annexe : « %(title)s ».") % {"title": title}


def first_of(shown: int, total: int) -> str:
    return gettext("Les %(shown)s premiers sur %(total)s.") % {"shown": shown, "total": total}


def register() -> None:
    from peps.core.jinja import add_global

    for name, function in {
        "report_figure": figure,
        "report_chart": bar_chart,
        "report_key_figures": key_figures,
        "report_data_of": data_of,
        "report_appendix_of": appendix_of,
        "report_first_of": first_of,
    }.items():
        add_global(name, function)
