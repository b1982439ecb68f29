"""seed_agenda_demo: the POLLENS agenda of the demo, with a Bourse aux projets whose advice
lands in the projects' support logs. On the whole Roannais demo: test_seed_demo.py."""

from django.urls import reverse

from peps.agenda.demo import RENCONTRES_TITLE, seed_agenda_demo
from peps.agenda.models import BourseContribution, Event, PresentationSlot, Registration
from peps.core.testing import factories as f
from peps.projects.models import SupportLogEntry


def test_demo_agenda(pole, coordinator, commune, client):
    members = [f.member_of(pole, display_name=f"Membre {i}") for i in range(30)]
    projects = [f.ProjectFactory(pole=pole, holder=members[i], title=f"Projet {i}") for i in range(5)]
    report = seed_agenda_demo(pole)
    assert report.events == 5 and report.contributions == 6
    titles = set(Event.objects.filter(pole=pole).values_list("title", flat=True))
    assert RENCONTRES_TITLE in titles
    assert {"seminar", "exchange", "bourse", "rencontres"} <= set(Event.objects.values_list("kind", flat=True))
    past, upcoming = Event.objects.filter(kind="bourse").order_by("starts_at")
    # Each Bourse in its season, whatever the day of the seed.
    assert past.title == "Bourse aux projets de printemps" and past.starts_at.month in (3, 4, 5, 6)
    assert upcoming.title == "Bourse aux projets d’automne" and upcoming.starts_at.month in (9, 10, 11, 12)
    assert PresentationSlot.objects.filter(session__event=past).count() == 3
    assert PresentationSlot.objects.filter(session__event=upcoming).count() == 2
    for project in projects[:3]:
        assert SupportLogEntry.objects.filter(project=project).count() == 2
    assert BourseContribution.objects.filter(log_entry__isnull=True).count() == 0
    assert Registration.objects.filter(event__kind="exchange", status="waiting").count() == 2
    # The pages of the demo render.
    client.force_login(coordinator)
    for event in Event.objects.all():
        assert client.get(event.get_absolute_url()).status_code == 200
    content = client.get(reverse("agenda:bourse", kwargs={"pole": "pollens", "pk": past.pk})).content.decode()
    assert "Prêt de la camionnette" in content
    # Seeding twice changes nothing.
    assert seed_agenda_demo(pole).events == 0
    assert Event.objects.count() == 5
