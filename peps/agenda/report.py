"""This app's sections of the annual report (see peps.reports.figures for the shapes),
registered from its AppConfig.ready()."""

from collections import defaultdict

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from peps.agenda.models import Attendance, Event, EventKind, EventStatus, Registration, RegistrationStatus
from peps.reports.figures import APPENDIX_LIMIT, Period, appendix, link, row, section, sections, short_date, table


def events(pole, period: Period) -> dict:
    """Events held during the period (cancelled ones apart) and their attendance."""
    in_period = Event.objects.filter(pole=pole).filter(period.moments("starts_at"))
    grouped = in_period.order_by().values_list("kind", "status").annotate(n=Count("pk"))
    by_kind, cancelled = defaultdict(int), 0
    for kind, status, n in grouped:
        if status == EventStatus.CANCELLED:
            cancelled += n
        else:
            by_kind[kind] += n
    held = in_period.exclude(status=EventStatus.CANCELLED)
    attendance = Registration.objects.filter(event__in=held, status=RegistrationStatus.CONFIRMED).aggregate(
        registered=Count("pk"),
        present=Count("pk", filter=Q(attendance=Attendance.PRESENT)),
        people=Count("person", distinct=True),
    )
    confirmed = Q(registrations__status=RegistrationStatus.CONFIRMED)
    listed = (
        held.order_by("starts_at", "pk")
        .annotate(
            registered=Count("registrations", filter=confirmed),
            present=Count("registrations", filter=confirmed & Q(registrations__attendance=Attendance.PRESENT)),
        )
        .values_list("pk", "starts_at", "title", "kind", "registered", "present")[:APPENDIX_LIMIT]
    )
    kinds = dict(EventKind.choices)
    rows = [
        {
            "cells": [short_date(starts), title, str(kinds.get(kind, kind)), str(registered), str(present)],
            "url": reverse("agenda:detail", args=(pole.slug, pk)),
        }
        for pk, starts, title, kind, registered, present in listed
    ]
    held_total = sum(by_kind.values())
    return section(
        "events",
        _("Événements"),
        figures=[
            row("held", _("Événements tenus"), held_total, link("agenda:list", pole)),
            row("cancelled", _("Événements annulés"), cancelled),
            row("registered", _("Inscriptions confirmées"), attendance["registered"]),
            row("people", _("Personnes inscrites (distinctes)"), attendance["people"]),
            row("present", _("Présences relevées"), attendance["present"]),
        ],
        tables=[
            table(
                "by_kind",
                _("Événements tenus, par type"),
                [
                    row(f"kind-{k}", k.label, by_kind[k])
                    for k in sorted(EventKind, key=lambda k: -by_kind[k])
                    if by_kind[k]
                ],
            )
        ],
        appendices=[
            appendix(
                "events",
                _("Événements de la période"),
                [_("Date"), _("Événement"), _("Type"), _("Inscriptions"), _("Présences")],
                rows,
                held_total,
            )
        ],
    )


def register() -> None:
    """Called from this app's AppConfig.ready()."""
    sections.register(events, order=70)
