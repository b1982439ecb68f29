"""This app's sections of the annual report (see peps.reports.figures for the shapes),
registered from its AppConfig.ready()."""

from django.utils.translation import gettext as _

from peps.activity.selectors import contacts_summary
from peps.reports.figures import Period, first_link, pairs, row, section, sections, table


def contacts(pole, period: Period) -> dict:
    title = _("Contacts")
    summary = contacts_summary(pole, period.start, period.end)
    target = first_link(pole, ["activity:log"])
    channels = [
        row(f"channel-{i}", label, value, target) for i, (label, value) in enumerate(pairs(summary.get("by_channel")))
    ]
    return section(
        "contacts",
        title,
        figures=[
            row("contacts", _("Contacts enregistrés"), summary.get("contacts", 0), target),
            row("structures", _("Structures contactées"), summary.get("structures_contacted", 0), target),
            row("people", _("Personnes contactées"), summary.get("people_contacted", 0), target),
        ],
        tables=[table("by_channel", _("Contacts par moyen"), channels)],
    )


def register() -> None:
    """Called from this app's AppConfig.ready()."""
    sections.register(contacts, order=20)
