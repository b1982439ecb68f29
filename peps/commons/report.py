"""This app's sections of the annual report (see peps.reports.figures for the shapes),
registered from its AppConfig.ready()."""

import datetime

from django.db.models import Count, DateTimeField, DurationField, ExpressionWrapper, F, Q, Sum, Value
from django.db.models.functions import Greatest, Least
from django.utils.translation import gettext as _

from peps.commons.models import Booking, BookingStatus, ResourceKind
from peps.reports.figures import Period, link, row, section, sections, table


def commons(pole, period: Period) -> dict:
    """Bookings (rooms, on the spot) and loans that overlap the period; confirmed or returned
    only, as commons.selectors.usage_statistics counts them (its page is the linked list)."""
    used = Booking.objects.filter(
        pole=pole,
        status__in=(BookingStatus.CONFIRMED, BookingStatus.RETURNED),
        starts_at__lt=period.end_at,
        ends_at__gt=period.start_at,
    )
    clipped = ExpressionWrapper(
        Least(F("ends_at"), Value(period.end_at, output_field=DateTimeField()))
        - Greatest(F("starts_at"), Value(period.start_at, output_field=DateTimeField())),
        output_field=DurationField(),
    )
    totals = used.aggregate(
        bookings=Count("pk", filter=Q(is_loan=False)),
        loans=Count("pk", filter=Q(is_loan=True)),
        duration=Sum(clipped, filter=Q(is_loan=False)),
        structures=Count("structure", distinct=True),
        people=Count("booked_by", distinct=True),
    )
    by_kind = {
        kind: (bookings, loans)
        for kind, bookings, loans in used.order_by()
        .values_list("resource__kind")
        .annotate(bookings=Count("pk", filter=Q(is_loan=False)), loans=Count("pk", filter=Q(is_loan=True)))
    }
    hours = round((totals["duration"] or datetime.timedelta()).total_seconds() / 3600, 1)
    stats = link("commons:statistics", pole, private=True, start=period.start.isoformat(), end=period.end.isoformat())
    return section(
        "commons",
        _("Ressources partagées"),
        figures=[
            row("bookings", _("Réservations de salles et de matériel sur place"), totals["bookings"], stats),
            row("hours", _("Heures réservées"), hours, stats),
            row("loans", _("Prêts"), totals["loans"], stats),
            row("structures", _("Structures bénéficiaires"), totals["structures"], stats),
            row("people", _("Personnes ayant réservé ou emprunté"), totals["people"], stats),
        ],
        tables=[
            table(
                "by_kind",
                _("Réservations et prêts, par type de ressource"),
                [row(f"kind-{k}", k.label, sum(by_kind.get(k, (0, 0))), stats) for k in ResourceKind],
            )
        ],
    )


def register() -> None:
    """Called from this app's AppConfig.ready()."""
    sections.register(commons, order=80)
