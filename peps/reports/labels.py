"""Sentences of the report with a value in them (written here so that makemessages extracts
them: the same messages as the Django template had), and the report's sections prepared for
its Jinja2 partial (jinja2/reports/_sections.html, see display.py)."""

from django.utils.translation import gettext


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

    from .display import report_sections

    add_global("report_sections", report_sections)
