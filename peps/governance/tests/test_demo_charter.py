"""seed_charter_network_demo: the museums network has plenary meetings, one debate, one event."""

from peps.agenda.models import Event
from peps.core.testing import factories as f
from peps.deliberation.models import Debate
from peps.governance.demo import seed_charter_network_demo
from peps.governance.models import BodyKind, Meeting, Motion
from peps.poles.models import PoleLegalForm


def test_the_charter_network_demo(pole):
    pole.legal_form = PoleLegalForm.CHARTER
    pole.save()
    f.member_of(pole, role="coordinator")
    for _ in range(3):
        f.member_of(pole)
    result = seed_charter_network_demo(pole)
    plenary = result["plenary"]
    assert plenary.kind == BodyKind.PLENARY and plenary.allows_proxies and plenary.visibility == "public"
    meetings = Meeting.objects.filter(body=plenary).order_by("starts_at")
    assert meetings.count() == 2 and meetings[0].minutes_published_at is not None
    assert Motion.objects.filter(body=plenary, status="open").count() == 1
    assert Debate.objects.filter(pole=pole).count() == 1
    assert Event.objects.filter(pole=pole).count() == 1
    assert not plenary.seats.exists()
