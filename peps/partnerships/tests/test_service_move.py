"""partnership_move: proposed → accepted or declined (with a reason) → active → completed or ended."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from peps.notifications.models import Notification
from peps.partnerships import services
from peps.partnerships.models import PartnershipEvent

from .factories import PartnershipFactory


@pytest.fixture
def partnership(need, offer, holder):
    created, _ = services.partnership_propose_for_need(need=need, offers=[offer], by=holder)
    return created[0]


def test_accepting_writes_history_and_tells_the_proposer(
    partnership, representative, holder, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.partnership_accept(partnership=partnership, by=representative)
    partnership.refresh_from_db()
    assert partnership.status == "accepted"
    event = PartnershipEvent.objects.filter(partnership=partnership).last()
    assert (event.from_status, event.to_status, event.author) == ("proposed", "accepted", representative)
    assert Notification.objects.get(recipient=holder).kind == "partnerships.accepted"
    assert [m.to for m in mail.outbox] == [[holder.email]]


def test_declining_needs_a_reason(partnership, representative, holder):
    with pytest.raises(ValidationError):
        services.partnership_decline(partnership=partnership, by=representative, reason="  ")
    services.partnership_decline(partnership=partnership, by=representative, reason="La salle est prise le jeudi.")
    partnership.refresh_from_db()
    assert partnership.status == "declined" and partnership.status_reason == "La salle est prise le jeudi."
    assert Notification.objects.get(recipient=holder).kind == "partnerships.declined"


def test_the_whole_life_of_a_partnership(partnership, representative, holder):
    services.partnership_accept(partnership=partnership, by=representative)
    services.partnership_move(partnership=partnership, to_status="active", by=holder)
    services.partnership_move(partnership=partnership, to_status="completed", by=holder, reason="Six mois de soirées.")
    steps = list(PartnershipEvent.objects.filter(partnership=partnership).values_list("to_status", flat=True))
    assert steps == ["proposed", "accepted", "active", "completed"]


@pytest.mark.parametrize(("start", "to"), [("proposed", "active"), ("declined", "accepted"), ("completed", "ended")])
def test_impossible_moves_are_refused(db, start, to, holder):
    partnership = PartnershipFactory(status=start)
    with pytest.raises(ValidationError):
        services.partnership_move(partnership=partnership, to_status=to, by=holder, reason="motif")


def test_ending_needs_a_reason(partnership, representative, holder):
    services.partnership_accept(partnership=partnership, by=representative)
    with pytest.raises(ValidationError):
        services.partnership_move(partnership=partnership, to_status="ended", by=holder)


def test_an_unknown_status_is_refused(partnership, holder):
    with pytest.raises(ValidationError):
        services.partnership_move(partnership=partnership, to_status="lost", by=holder)


def test_a_message_joins_the_exchange(partnership, holder):
    event = services.partnership_message(partnership=partnership, by=holder, message="Quand pouvons-nous visiter ?")
    assert event.message == "Quand pouvons-nous visiter ?" and event.to_status == ""
    with pytest.raises(ValidationError):
        services.partnership_message(partnership=partnership, by=holder, message=" ")
