"""Dates and sentences of the contact log's rows, for its Jinja2 partial
(jinja2/activity/_rows.html): the sentence naming each row's contact, translated once per
page (the rows' dates are core's long_date and short_date)."""

from django.utils.translation import gettext


def row_names() -> dict[str, str]:
    """The sentences of a row with a value in them, translated once for a page of rows
    (each is a %-format: « le contact « %(topic)s » du %(date)s »)."""
    return {
        "described": gettext("le contact « %(topic)s » du %(date)s"),
        "before": gettext("avant le %(date)s"),
    }


def register() -> None:
    """Called from this app's AppConfig.ready()."""
    from peps.core.jinja import add_global

    add_global("activity_row_names", row_names)
