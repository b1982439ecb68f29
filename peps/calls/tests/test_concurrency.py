"""Two coordinators of a pole start its application to a call at the same moment: one draft,
both see it (it was a 500 on the unique constraint). SQLite and PostgreSQL (DB_ENGINE)."""

import pytest
from django.test import Client
from django.urls import reverse

from peps.calls import services
from peps.calls.models import Application, ApplicationEvent
from peps.core.testing import factories as f
from peps.core.testing.concurrency import run_concurrently

pytestmark = pytest.mark.django_db(transaction=True)


def test_simultaneous_starts_for_one_pole_make_one_draft_that_both_see(call, pole):
    coordinators = [f.member_of(pole, role="coordinator") for _ in range(6)]

    def start(person):
        return services.application_start(call=call, by=person, pole=pole)

    results = run_concurrently(start, coordinators)
    assert all(isinstance(r, Application) for r in results), results
    assert len({r.pk for r in results}) == 1
    application = Application.objects.get(call=call, pole=pole)
    assert ApplicationEvent.objects.filter(application=application, what="created").count() == 1
    for person in coordinators:
        client = Client()
        client.force_login(person)
        response = client.get(reverse("calls:application", args=[application.pk]))
        assert response.status_code == 200, person
    # Only the one who started it edits it.
    editor = Client()
    editor.force_login(application.applicant)
    assert editor.get(reverse("calls:application_edit", args=[application.pk])).status_code == 200
