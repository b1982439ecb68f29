"""seed_calls_network_demo: a decided call like the national one, and an open call. Idempotent."""

import pytest

from peps.calls.demo import APPLICATIONS, RETAINED, seed_calls_network_demo
from peps.calls.models import Application, Assignment, Call, CallStatus, Decision
from peps.core.testing import factories as f

pytestmark = pytest.mark.django_db


def test_demo_runs_a_call_from_applications_to_selection_and_opens_another(pole, coordinator):
    pole.is_demo = True
    pole.save()
    f.UserFactory(email="admin@peps.demo", is_superuser=True, is_staff=True)
    demo = seed_calls_network_demo()
    decided, open_call = demo["decided"], demo["open"]
    assert decided.status == CallStatus.DECIDED and decided.outcomes_sent_at
    applications = decided.applications.all()
    assert applications.count() == APPLICATIONS
    assert applications.filter(pole=pole, applicant=coordinator).exists()
    assert applications.filter(kind="expression").count() == APPLICATIONS // 4
    assert applications.filter(decision=Decision.RETAINED).count() == RETAINED
    assert not applications.filter(decision=Decision.PENDING).exists()
    assert Assignment.objects.filter(application__call=decided, conflict=True).count() == 1
    assert Assignment.objects.filter(application__call=decided, conflict=False, completed_at__isnull=True).count() == 0
    assert all(a.assignments.filter(conflict=False).count() == 2 for a in applications)
    assert decided.committee.count() == 3
    assert open_call.is_open() and open_call.applications.filter(status="submitted").count() == 2
    # Idempotent.
    seed_calls_network_demo()
    assert Call.objects.filter(is_demo=True).count() == 2
    assert Application.objects.count() == APPLICATIONS + 3
