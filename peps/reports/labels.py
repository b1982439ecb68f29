"""Sentences of the report with a value in them (written here so that makemessages extracts
them: the same messages as the Django template had), and the report's sections prepared for
its Jinja2 partial (jinja2/reports/_sections.html, see display.py)."""

from django.utils.translation import gettext


def sentences() -> tuple[str, str, str, str]:
    """« <title> : chiffres clés », « Données : <title> », « Liste en annexe : « <title> ». »
    and « Les <shown> premiers sur <total>. », translated once for a page's few dozen
    sections, tables and lists."""
    return (
        gettext("%(title)s : chiffres clés"),
        gettext("Données : %(title)s"),
        gettext("Liste en annexe : « %(title)s »."),
        gettext("Les %(shown)s premiers sur %(total)s."),
    )


def register() -> None:
    from peps.core.jinja import add_global

    from .display import report_sections

    add_global("report_sections", report_sections)
