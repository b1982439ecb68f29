"""A structure's representative holds a permanence in the exchange room (« le 1er mardi
du mois, 14 h–17 h »); it shows on the pole's agenda and the room's calendar, and a
member books a time with the person holding it, who is told."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from peps.commons.models import Permanence, PermanenceAppointment, ResourceKind, WhoMayBook
from peps.commons.tests.factories import ResourceFactory
from peps.core.testing import factories as f
from peps.directory.models import Representative, RepresentativeStatus
from peps.notifications.models import Notification

TITLE = "Permanence de l’URSCOP"


@pytest.fixture(autouse=True)
def _inline_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def test_a_permanence_is_held_shown_on_the_agenda_and_booked(journey_factory, pole):
    room = ResourceFactory(
        pole=pole, kind=ResourceKind.ROOM, name="Salle d’échange", capacity=20, who_may_book=WhoMayBook.MEMBERS
    )
    ulysse = f.member_of(pole, email="ulysse@urscop.example", display_name="Ulysse")
    urscop = f.StructureFactory(pole=pole, name="URSCOP Auvergne-Rhône-Alpes", slug="urscop")
    Representative.objects.create(structure=urscop, person=ulysse, status=RepresentativeStatus.APPROVED)
    marc = f.member_of(pole, email="marc.membre@example.org", display_name="Marc")
    today = timezone.localdate()
    first = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)

    host = journey_factory("host")
    page = host.page
    host.sign_in(ulysse.email)
    host.visit(room.get_absolute_url())
    with host.navigation():
        page.get_by_role("link", name="Tenir une permanence").click()
    form = page.locator("main form")
    form.get_by_label("Nom de la permanence").fill(TITLE)
    form.get_by_label("Pour qui, pour quoi").fill("Créer ou reprendre une entreprise en coopérative.")
    form.get_by_label("Au nom de la structure").select_option(label="URSCOP Auvergne-Rhône-Alpes")
    form.get_by_label("Quelles semaines").select_option(label="le 1er du mois")
    form.get_by_label("Quel jour").select_option(label="mardi")
    # Required fields' labels end with « * »: match the label's start only.
    form.get_by_label(re.compile(r"^De\W*$")).fill("14:00")
    form.get_by_label(re.compile(r"^À\W*$")).fill("17:00")
    form.get_by_label("À partir du").fill(first.isoformat())
    form.get_by_label("Jusqu’au").fill((first + datetime.timedelta(days=120)).isoformat())
    form.get_by_label("Durée d’un rendez-vous (minutes)").fill("30")
    with host.navigation():
        form.get_by_role("button", name="Créer la permanence").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator("main")).to_contain_text("Le 1er mardi du mois")
    permanence = Permanence.objects.get()
    occurrence = timezone.localtime(permanence.series.occurrences.order_by("starts_at").first().starts_at)

    # On the pole's agenda (list and month) and on the room's calendar, by name.
    member = journey_factory("member")
    other = member.page
    member.sign_in(marc.email)
    member.visit(f"/p/{pole.slug}/agenda/")
    expect(other.locator("main")).to_contain_text("le 1er mardi du mois")
    member.visit(f"/p/{pole.slug}/agenda/mois/{occurrence.year}/{occurrence.month}/")
    expect(other.locator("main")).to_contain_text(TITLE)
    member.visit(room.get_absolute_url() + f"?semaine={occurrence.date().isoformat()}")
    expect(other.get_by_role("link", name=TITLE).first).to_be_visible()

    # Marc books 14:30 with Ulysse.
    with member.navigation():
        other.get_by_role("link", name=TITLE).first.click()
    expect(other.get_by_role("heading", level=1)).to_have_text(TITLE)
    other.locator("fieldset").first.get_by_label("14:30").check()
    other.get_by_label("Objet du rendez-vous").fill("Transformer notre association en SCIC")
    mail.outbox.clear()
    with member.navigation():
        other.get_by_role("button", name="Prendre rendez-vous").click()
    expect(other.locator("main")).to_contain_text("Rendez-vous pris le")
    expect(other.locator("main")).to_contain_text("Votre rendez-vous")
    appointment = PermanenceAppointment.objects.get()
    assert timezone.localtime(appointment.starts_at).strftime("%H:%M") == "14:30"
    assert Notification.objects.filter(recipient=ulysse, kind="commons.permanence_appointment").exists()
    assert any(ulysse.email in m.to and "SCIC" in m.body for m in mail.outbox), [(m.to, m.body) for m in mail.outbox]

    # Ulysse sees the appointment on his permanence's page.
    host.visit(permanence.get_absolute_url())
    expect(page.locator("main")).to_contain_text("Marc")
    expect(page.locator("main")).to_contain_text("Transformer notre association en SCIC")
