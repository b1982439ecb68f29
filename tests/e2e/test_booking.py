"""Two members want the exchange room on the same Thursday evening: the first books it, the
second is told it is taken and books one of the next free slots with one click; then a
structure's representative sets a weekly permanence for three months and finds its sessions
in the room's calendar."""

import datetime
import re

from dateutil.relativedelta import relativedelta
from django.utils import timezone
from playwright.sync_api import expect

from peps.commons.models import Booking, BookingSeries, BookingStatus, ResourceKind, WhoMayBook
from peps.commons.tests.factories import ResourceFactory
from peps.core.testing import factories as f
from peps.directory.models import Representative, RepresentativeStatus

ROOM = "Salle d’échange"
STRUCTURE = "Épicerie solidaire du Coteau"


def thursday_of_next_week() -> datetime.date:
    """« Jeudi prochain »: the Thursday of next week, so one click on « Semaine suivante »
    always reaches it in the calendar, whatever day the test runs."""
    today = timezone.localdate()
    return today - datetime.timedelta(days=today.weekday()) + datetime.timedelta(days=7 + 3)


def local(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour)).replace(tzinfo=timezone.get_default_timezone())


def fill_period(form, day: datetime.date, start: str, end: str):
    form.get_by_label(re.compile(r"^Début")).fill(f"{day:%Y-%m-%d}T{start}")
    form.get_by_label(re.compile(r"^Fin")).fill(f"{day:%Y-%m-%d}T{end}")


def open_booking_form(journey, pole_slug: str):
    """From the pole's home page to the room's booking form, by the navigation bar."""
    page = journey.page
    journey.visit(f"/p/{pole_slug}/")
    with journey.navigation():
        page.get_by_role("navigation", name="Navigation du pôle").get_by_role("link", name="Ressources").click()
    with journey.navigation():
        page.get_by_role("main").get_by_role("link", name=ROOM).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ROOM)
    with journey.navigation():
        page.get_by_role("main").get_by_role("link", name="Réserver", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Réserver « {ROOM} »")
    return page.locator("main form").filter(has=page.get_by_role("button", name="Réserver", exact=True))


def test_second_member_is_offered_the_next_free_slots_and_books_one_with_one_click(journey_factory, pole, member):
    room = ResourceFactory(pole=pole, kind=ResourceKind.ROOM, name=ROOM, capacity=20, is_accessible=True)
    f.member_of(pole, role="member", email="nadia.membre@example.org", display_name="Nadia")
    thursday = thursday_of_next_week()

    # Marc books Thursday 18:00–20:00.
    marc = journey_factory("marc")
    marc.sign_in(member.email)
    form = open_booking_form(marc, pole.slug)
    fill_period(form, thursday, "18:00", "20:00")
    form.get_by_label(re.compile(r"^Objet")).fill("Réunion du groupe vélo")
    with marc.navigation():
        form.get_by_role("button", name="Réserver", exact=True).click()
    page = marc.page
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Réservation de « {ROOM} »")
    expect(page.get_by_role("status")).to_contain_text("C’est réservé.")
    expect(page.get_by_role("main")).to_contain_text("Confirmée")
    expect(page.get_by_role("main")).to_contain_text(re.compile(rf"jeudi {thursday.day} \S+ {thursday.year}, 18:00"))

    # Nadia, in her own browser, asks for the same slot.
    nadia = journey_factory("nadia")
    nadia.sign_in("nadia.membre@example.org")
    form = open_booking_form(nadia, pole.slug)
    fill_period(form, thursday, "18:00", "20:00")
    with nadia.navigation():
        form.get_by_role("button", name="Réserver", exact=True).click()
    page = nadia.page
    expect(page.get_by_role("main")).to_contain_text(f"« {ROOM} » est déjà réservée sur cette période")
    free = page.get_by_role("region", name="Prochains créneaux libres de même durée")
    expect(free).to_be_visible()
    offers = free.get_by_role("button", name=re.compile(r"^Réserver ce créneau"))
    expect(offers.first).to_be_visible()
    assert offers.count() >= 1
    # The first free slot of the same length comes right after Marc's: 20:00–22:00.
    expect(offers.first).to_have_accessible_name(re.compile(rf"jeudi {thursday.day} \S+ 20:00"))
    assert Booking.objects.filter(resource=room).count() == 1

    # One click books it.
    with nadia.navigation():
        offers.first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Réservation de « {ROOM} »")
    expect(page.get_by_role("status")).to_contain_text("C’est réservé.")
    expect(page.get_by_role("main")).to_contain_text(re.compile(rf"jeudi {thursday.day} \S+ {thursday.year}, 20:00"))

    bookings = list(
        Booking.objects.filter(resource=room)
        .order_by("starts_at")
        .values_list("booked_by__email", "starts_at", "ends_at", "status")
    )
    assert bookings == [
        (member.email, local(thursday, 18), local(thursday, 20), BookingStatus.CONFIRMED),
        ("nadia.membre@example.org", local(thursday, 20), local(thursday, 22), BookingStatus.CONFIRMED),
    ]


def test_a_structure_sets_a_weekly_permanence_for_three_months_and_sees_it_in_the_calendar(journey, pole):
    room = ResourceFactory(pole=pole, kind=ResourceKind.ROOM, name=ROOM, capacity=20, who_may_book=WhoMayBook.PARTNERS)
    structure = f.StructureFactory(pole=pole, name=STRUCTURE)
    person = f.UserFactory(email="rita.epicerie@example.org", display_name="Rita")
    Representative.objects.create(structure=structure, person=person, status=RepresentativeStatus.APPROVED)
    first = thursday_of_next_week()
    until = first + relativedelta(months=3)
    expected = [first + datetime.timedelta(weeks=n) for n in range(14) if first + datetime.timedelta(weeks=n) <= until]
    page = journey.page

    journey.sign_in(person.email)
    journey.visit(f"/p/{pole.slug}/ressources/{room.pk}/")
    with journey.navigation():
        page.get_by_role("link", name="Réserver chaque semaine").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Réserver « {ROOM} » chaque semaine")
    form = page.locator("main form")

    # Submitted without a day nor an end: the errors are shown, accessibly.
    with journey.navigation():
        form.get_by_role("button", name="Réserver la série").click()
    expect(page.locator("main form .field-error").first).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("Indiquez une date de fin ou un nombre de séances.")

    form = page.locator("main form")
    form.get_by_role("group", name=re.compile(r"^Chaque semaine, le")).get_by_label("Jeudi").check()
    form.get_by_label(re.compile(r"^De")).fill("14:00")
    form.get_by_label(re.compile(r"^À( \*)?$")).fill("17:00")
    form.get_by_label(re.compile(r"^À partir du")).fill(f"{first:%Y-%m-%d}")
    form.get_by_label(re.compile(r"^Jusqu’au")).fill(f"{until:%Y-%m-%d}")
    form.get_by_label(re.compile(r"^Au nom de la structure")).select_option(label=STRUCTURE)
    form.get_by_label(re.compile(r"^Objet")).fill("Permanence de l’épicerie")
    with journey.navigation():
        form.get_by_role("button", name="Réserver la série").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes réservations")
    expect(page.get_by_role("status")).to_have_text(f"{len(expected)} séances réservées.")
    expect(page.get_by_role("table").first.get_by_role("row").filter(has_text=ROOM)).to_have_count(len(expected))

    series = BookingSeries.objects.get(resource=room)
    assert series.rrule.startswith("FREQ=WEEKLY;BYDAY=TH;UNTIL=")
    assert series.structure == structure
    starts = list(
        Booking.objects.filter(series=series, status=BookingStatus.CONFIRMED)
        .values_list("starts_at", flat=True)
        .order_by("starts_at")
    )
    assert starts == [local(day, 14) for day in expected]
    assert len(expected) in (13, 14)

    # The room's calendar: the first two Thursdays are busy from 14:00 to 17:00.
    with journey.navigation():
        page.get_by_role("navigation", name="Navigation du pôle").get_by_role("link", name="Ressources").click()
    with journey.navigation():
        page.get_by_role("main").get_by_role("link", name=ROOM).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ROOM)
    calendar = page.locator("#calendar")
    for day in expected[:2]:
        calendar.get_by_role("link", name="Semaine suivante").click()
        monday = day - datetime.timedelta(days=3)
        table = calendar.get_by_role("table", name=re.compile(rf"semaine du {monday.day} "))
        expect(table).to_be_visible()
        header = rf"^jeu\.? {day.day}/{day:%m}$"
        expect(table.get_by_role("columnheader").nth(4)).to_have_text(re.compile(header, re.I))
        for hour, state in (("13:00", "Libre"), ("14:00", "Occupé"), ("16:00", "Occupé"), ("17:00", "Libre")):
            row = table.get_by_role("row").filter(has=page.get_by_role("rowheader", name=hour, exact=True))
            expect(row.get_by_role("cell").nth(3)).to_have_text(state)
        expect(
            calendar.get_by_role("listitem").filter(has_text=re.compile(rf"jeudi {day.day} \S+ 14:00"))
        ).to_have_count(1)
        journey.check_a11y()
