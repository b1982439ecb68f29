"""partnership_propose_for_need / _for_offer: one row per project and partner, even in a race."""

import threading
import time

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import OperationalError, connection

from peps.core.testing import factories as f
from peps.notifications.models import Notification
from peps.partnerships import services
from peps.partnerships.models import Partnership, PartnershipEvent
from peps.poles.models import Membership, MembershipStatus

from .factories import NeedFactory, OfferFactory


def test_proposing_creates_the_partnership_its_history_and_tells_the_partner(
    need, offer, holder, representative, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        created, existing = services.partnership_propose_for_need(
            need=need, offers=[offer], by=holder, message="Bonjour, votre salle nous irait bien."
        )
    (partnership,) = created
    assert existing == []
    assert partnership.status == "proposed" and partnership.partner_structure == offer.structure
    assert not partnership.proposed_by_partner
    event = PartnershipEvent.objects.get(partnership=partnership)
    assert event.to_status == "proposed" and event.message == "Bonjour, votre salle nous irait bien."
    notification = Notification.objects.get(recipient=representative)
    assert notification.kind == "partnerships.proposed" and notification.url == partnership.get_absolute_url()
    assert [m.to for m in mail.outbox] == [[representative.email]]
    assert "Café-lecture solidaire" in mail.outbox[0].subject


def test_proposing_to_several_offers_at_once(pole, need, offer, holder):
    person = f.member_of(pole)
    other = OfferFactory(pole=pole, structure=None, person=person)
    created, _existing = services.partnership_propose_for_need(need=need, offers=[offer, other], by=holder)
    assert {p.partner_name for p in created} == {offer.structure.name, person.public_name}
    assert Notification.objects.filter(recipient=person, kind="partnerships.proposed").exists()


def test_proposing_the_same_partnership_twice_keeps_one(need, offer, holder, pole):
    services.partnership_propose_for_need(need=need, offers=[offer], by=holder)
    # Another offer of the same structure, for another need of the same project: same partnership.
    second_need = NeedFactory(pole=pole, project=need.project)
    same_partner = OfferFactory(pole=pole, structure=offer.structure)
    created, existing = services.partnership_propose_for_need(need=second_need, offers=[same_partner], by=holder)
    assert created == [] and len(existing) == 1
    assert Partnership.objects.count() == 1


def test_a_partner_that_left_cannot_be_proposed(pole, need, offer, holder):
    Membership.objects.create(pole=pole, structure=offer.structure, status=MembershipStatus.LEFT)
    with pytest.raises(ValidationError):
        services.partnership_propose_for_need(need=need, offers=[offer], by=holder)
    assert not Partnership.objects.exists()


def test_a_structure_need_cannot_be_proposed_directly(pole, structure, representative, offer):
    need = NeedFactory(pole=pole, project=None, structure=f.StructureFactory(pole=pole))
    with pytest.raises(ValidationError):
        services.partnership_propose_for_need(need=need, offers=[offer], by=representative)


def test_an_offer_owner_proposes_help_and_the_holder_is_told(need, offer, representative, holder):
    created, _ = services.partnership_propose_for_offer(offer=offer, needs=[need], by=representative, message="Ravis !")
    assert created[0].proposed_by_partner
    assert Notification.objects.get(recipient=holder).kind == "partnerships.proposed"


def test_a_message_too_long_is_refused(need, offer, holder):
    with pytest.raises(ValidationError):
        services.partnership_propose_for_need(need=need, offers=[offer], by=holder, message="x" * 3001)


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_proposals_make_one_partnership(pole, need, offer, holder):
    """Two requests racing (two threads, two connections): the unique constraint keeps one row."""
    barrier = threading.Barrier(2)
    outcomes, errors = [], []

    def propose():
        try:
            barrier.wait(timeout=5)
            for _attempt in range(100):
                try:
                    created, existing = services.partnership_propose_for_need(need=need, offers=[offer], by=holder)
                    break
                except OperationalError as error:
                    # The test run's in-memory SQLite (shared cache) answers "table is locked" at
                    # once where the real file database waits (busy_timeout): wait the same way.
                    if "locked" not in str(error):
                        raise
                    time.sleep(0.02)
            outcomes.append((len(created), len(existing)))
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=propose) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert errors == []
    assert sorted(outcomes) == [(0, 1), (1, 0)]
    assert Partnership.objects.filter(project=need.project).count() == 1
