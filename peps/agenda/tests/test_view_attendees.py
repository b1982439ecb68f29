"""agenda:attendees, agenda:attendees_csv, agenda:attendance — the organiser's tools."""

import csv
import io

from django.urls import reverse

from peps.agenda.models import Registration
from peps.core.testing import factories as f

from .factories import register


def url(event, name="agenda:attendees"):
    return reverse(name, kwargs={"pole": "pollens", "pk": event.pk})


def test_attendee_list_shows_confirmed_then_waiting_in_order(client, event, coordinator):
    event.capacity = 1
    event.save()
    register(event, f.UserFactory(display_name="Première"))
    register(event, f.UserFactory(display_name="Deuxième"), status="waiting")
    register(event, f.UserFactory(display_name="Troisième"), status="waiting")
    client.force_login(coordinator)
    content = client.get(url(event)).content.decode()
    assert "1 inscription confirmée" in content
    assert "2 personnes en liste d’attente" in content
    assert content.index("Deuxième") < content.index("Troisième")
    assert '<th scope="col">' in content


def test_csv_export_opens_in_excel_with_accents(client, event, coordinator):
    register(event, f.UserFactory(display_name="Hélène Bérard", email="helene@example.org"))
    register(event, f.UserFactory(display_name="Zoé Ñandú"), status="waiting")
    client.force_login(coordinator)
    response = client.get(url(event, "agenda:attendees_csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    raw = response.content
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Nom", "E-mail", "Statut", "Rang en liste d’attente", "Inscrit·e le", "Présence"]
    assert rows[1][:4] == ["Hélène Bérard", "helene@example.org", "Inscription confirmée", ""]
    assert rows[2][0] == "Zoé Ñandú" and rows[2][2] == "Sur liste d’attente" and rows[2][3] == "1"


def test_marking_attendance_without_javascript(client, event, coordinator):
    registration = register(event)
    client.force_login(coordinator)
    response = client.post(url(event, "agenda:attendees") + f"{registration.pk}/presence/", {"attendance": "present"})
    assert response.status_code == 302
    assert Registration.objects.get(pk=registration.pk).attendance == "present"


def test_marking_attendance_with_htmx_returns_the_row(client, event, coordinator):
    registration = register(event)
    client.force_login(coordinator)
    attendance_url = reverse(
        "agenda:attendance", kwargs={"pole": "pollens", "pk": event.pk, "registration_pk": registration.pk}
    )
    response = client.post(attendance_url, {"attendance": "absent"}, headers={"HX-Request": "true"})
    content = response.content.decode()
    assert content.strip().startswith(f'<tr id="registration-{registration.pk}">')
    assert 'value="absent" selected' in content
    assert "Enregistré" in content
    response = client.post(attendance_url, {"attendance": "bof"}, headers={"HX-Request": "true"})
    assert response.status_code == 200 and "Valeur de présence inconnue." in response.content.decode()
    assert Registration.objects.get(pk=registration.pk).attendance == "absent"


def test_attendance_of_another_event_is_404(client, event, coordinator, pole):
    from .factories import EventFactory

    other = register(EventFactory(pole=pole))
    client.force_login(coordinator)
    attendance_url = reverse(
        "agenda:attendance", kwargs={"pole": "pollens", "pk": event.pk, "registration_pk": other.pk}
    )
    assert client.post(attendance_url, {"attendance": "present"}).status_code == 404


def test_member_gets_403_on_attendance(client, event, member):
    registration = register(event)
    client.force_login(member)
    attendance_url = reverse(
        "agenda:attendance", kwargs={"pole": "pollens", "pk": event.pk, "registration_pk": registration.pk}
    )
    assert client.post(attendance_url, {"attendance": "present"}).status_code == 403


def test_attendees_page_and_csv_with_sixty_registrations_have_bounded_queries(
    client, event, coordinator, django_assert_max_num_queries
):
    for i in range(60):
        register(event, f.UserFactory(), status="confirmed" if i < 45 else "waiting")
    client.force_login(coordinator)
    with django_assert_max_num_queries(10):
        content = client.get(url(event)).content.decode()
    assert "45 inscriptions confirmées" in content and "15 personnes en liste d’attente" in content
    with django_assert_max_num_queries(10):
        response = client.get(url(event, "agenda:attendees_csv"))
    assert len(response.content.decode("utf-8-sig").strip().splitlines()) == 61


def test_csv_export_neutralises_what_a_spreadsheet_would_run(client, event, coordinator):
    from peps.core.testing.spreadsheets import FORMULAS, assert_csv_is_inert, csv_rows

    for name in FORMULAS:
        register(event, f.UserFactory(display_name=name))
    client.force_login(coordinator)
    rows = csv_rows(client.get(url(event, "agenda:attendees_csv")))
    assert len(rows) == 1 + len(FORMULAS)
    assert_csv_is_inert(rows, FORMULAS)
