"""A proposal always reaches someone: a representative, the structure's e-mail with a
signed answer link (no account), or the coordination as relay; one reminder, then expiry."""

import datetime
import re

import pytest
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone

from peps.activity.models import Contact
from peps.core.testing import factories as f
from peps.notifications.models import Notification
from peps.partnerships import reach, services
from peps.partnerships.models import Partnership, PartnershipEvent, PartnershipSettings

from .factories import NeedFactory, OfferFactory


@pytest.fixture
def lone_structure(pole, commune):
    """A directory structure nobody represents on PEPS, with a public e-mail."""
    return f.StructureFactory(
        pole=pole, commune=commune, name="Conserverie du Forez", slug="conserverie", email="contact@conserverie.example"
    )


@pytest.fixture
def lone_offer(pole, lone_structure):
    return OfferFactory(pole=pole, structure=lone_structure, title="Chambre froide partagée")


def _propose(need, offer, holder, capture):
    with capture(execute=True):
        (partnership,), _ = services.partnership_propose_for_need(
            need=need, offers=[offer], by=holder, message="Bonjour !"
        )
    return partnership


def _link(message) -> str:
    return re.search(r"https?://\S+/reponse/\S+/", message.body).group(0)


def test_the_member_sees_who_will_receive_each_proposal(pole, offer, lone_offer, coordinator, representative):
    person = f.member_of(pole, display_name="Paul")
    person_offer = OfferFactory(pole=pole, structure=None, person=person)
    silent = OfferFactory(pole=pole, structure=f.StructureFactory(pole=pole, email=""))
    recipients = reach.recipients_for_offers([offer, lone_offer, person_offer, silent], pole=pole)
    assert recipients[offer.pk].via == "representative" and "Rose" in recipients[offer.pk].label
    assert recipients[lone_offer.pk].via == "email" and "sans compte" in recipients[lone_offer.pk].label
    assert recipients[person_offer.pk].via == "person" and "Paul" in recipients[person_offer.pk].label
    assert recipients[silent.pk].via == "coordination" and "coordination" in recipients[silent.pk].label


def test_the_need_page_says_who_receives_before_proposing(
    login, need, lone_offer, holder, django_assert_max_num_queries
):
    response = login(holder).get(need.get_absolute_url())
    assert response.status_code == 200
    assert "Qui la reçoit" in response.content.decode()


def test_a_structure_without_representative_gets_an_email_with_an_answer_link(
    need, lone_offer, holder, django_capture_on_commit_callbacks
):
    partnership = _propose(need, lone_offer, holder, django_capture_on_commit_callbacks)
    assert partnership.reached_via == "email" and partnership.contact_email == "contact@conserverie.example"
    (message,) = [m for m in mail.outbox if m.to == ["contact@conserverie.example"]]
    assert "Café-lecture solidaire" in message.subject
    assert "/reponse/" in message.body and "/representer/" in message.body
    assert not Notification.objects.filter(kind="partnerships.proposed").exists()


def test_the_link_lets_the_structure_accept_without_an_account(
    client, need, lone_offer, holder, django_capture_on_commit_callbacks
):
    partnership = _propose(need, lone_offer, holder, django_capture_on_commit_callbacks)
    url = _link(mail.outbox[-1])
    page = client.get(url)
    assert page.status_code == 200 and "Chambre froide partagée" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"answer-name": "Jeanne Morel", "answer-decision": "accepted"})
    assert response.status_code == 302
    partnership.refresh_from_db()
    assert partnership.status == "accepted"
    event = PartnershipEvent.objects.filter(partnership=partnership).last()
    assert event.author is None and event.author_name == "Jeanne Morel"
    assert Notification.objects.filter(recipient=holder, kind="partnerships.accepted").exists()
    # A second answer through the same link changes nothing.
    client.post(url, {"answer-name": "Quelqu’un", "answer-decision": "declined", "answer-reason": "Non"})
    partnership.refresh_from_db()
    assert partnership.status == "accepted"


def test_declining_through_the_link_needs_a_reason(
    client, need, lone_offer, holder, django_capture_on_commit_callbacks
):
    partnership = _propose(need, lone_offer, holder, django_capture_on_commit_callbacks)
    url = _link(mail.outbox[-1])
    response = client.post(url, {"answer-name": "Jeanne", "answer-decision": "declined"})
    assert response.status_code == 400 and "obligatoire pour décliner" in response.content.decode()
    client.post(url, {"answer-name": "Jeanne", "answer-decision": "declined", "answer-reason": "Plus de place."})
    partnership.refresh_from_db()
    assert partnership.status == "declined" and partnership.status_reason == "Plus de place."


def test_a_question_through_the_link_reaches_the_project_and_its_reply_reaches_the_structure(
    client, need, lone_offer, holder, django_capture_on_commit_callbacks
):
    partnership = _propose(need, lone_offer, holder, django_capture_on_commit_callbacks)
    url = _link(mail.outbox[-1])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"question-name": "Jeanne", "question-message": "Pour combien de temps ?"})
    partnership.refresh_from_db()
    assert partnership.status == "proposed"
    assert Notification.objects.filter(recipient=holder, kind="partnerships.question").exists()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.partnership_message(partnership=partnership, by=holder, message="Trois mois, pour commencer.")
    (message,) = mail.outbox
    assert message.to == ["contact@conserverie.example"] and "Trois mois" in message.body


def test_a_bad_or_foreign_link_says_so_in_french(client, pole, other_pole, need, lone_offer, holder):
    bad = client.get(reverse("partnerships:answer_link", kwargs={"pole": pole.slug, "token": "abc:def"}))
    assert bad.status_code == 410 and "copié en entier" in bad.content.decode()
    partnership, _ = services.partnership_propose_for_need(need=need, offers=[lone_offer], by=holder)
    token = reach.answer_token(partnership[0])
    foreign = client.get(reverse("partnerships:answer_link", kwargs={"pole": other_pole.slug, "token": token}))
    assert foreign.status_code == 410


def test_an_expired_link_is_refused(client, pole, need, lone_offer, holder, monkeypatch):
    (partnership,), _ = services.partnership_propose_for_need(need=need, offers=[lone_offer], by=holder)
    token = reach.answer_token(partnership)
    later = timezone.now() + datetime.timedelta(days=40)
    monkeypatch.setattr(signing.time, "time", lambda: later.timestamp())
    response = client.get(reverse("partnerships:answer_link", kwargs={"pole": pole.slug, "token": token}))
    assert response.status_code == 410 and "expiré" in response.content.decode()


def test_without_any_contact_the_coordination_relays_and_logs_it(
    login, pole, need, holder, coordinator, django_capture_on_commit_callbacks
):
    silent = OfferFactory(pole=pole, structure=f.StructureFactory(pole=pole, name="Musée sans e-mail", email=""))
    partnership = _propose(need, silent, holder, django_capture_on_commit_callbacks)
    assert partnership.reached_via == "coordination"
    assert Notification.objects.filter(recipient=coordinator, kind="partnerships.relay").exists()
    client = login(coordinator)
    dashboard = client.get(reverse("partnerships:dashboard", kwargs={"pole": pole.slug}))
    assert "Musée sans e-mail" in dashboard.content.decode() and "J’ai transmis" in dashboard.content.decode()
    response = client.post(
        reverse("partnerships:relay", kwargs={"pole": pole.slug, "pk": partnership.pk}),
        {"channel": "phone", "notes": "Appel à la directrice."},
    )
    assert response.status_code == 302
    partnership.refresh_from_db()
    assert partnership.relayed_at is not None
    contact = Contact.objects.get(pole=pole)
    assert contact.structure == silent.structure and contact.channel == "phone" and "Café-lecture" in contact.topic
    assert Notification.objects.filter(recipient=holder, kind="partnerships.relayed").exists()


def test_a_member_cannot_record_a_relay(login, pole, need, holder, member):
    silent = OfferFactory(pole=pole, structure=f.StructureFactory(pole=pole, email=""))
    (partnership,), _ = services.partnership_propose_for_need(need=need, offers=[silent], by=holder)
    response = login(member).post(
        reverse("partnerships:relay", kwargs={"pole": pole.slug, "pk": partnership.pk}), {"channel": "phone"}
    )
    assert response.status_code == 403 and not Contact.objects.exists()


def _age(partnership, days):
    Partnership.objects.filter(pk=partnership.pk).update(created_at=timezone.now() - datetime.timedelta(days=days))


def test_one_reminder_after_seven_days_both_sides_told(
    need, offer, holder, representative, django_capture_on_commit_callbacks
):
    partnership = _propose(need, offer, holder, django_capture_on_commit_callbacks)
    _age(partnership, 6)
    assert reach.partnerships_remind_and_expire() == (0, 0)
    _age(partnership, 8)
    assert reach.partnerships_remind_and_expire() == (1, 0)
    assert reach.partnerships_remind_and_expire() == (0, 0)
    assert Notification.objects.filter(recipient=representative, kind="partnerships.reminder").count() == 1
    assert Notification.objects.filter(recipient=holder, kind="partnerships.reminded").count() == 1


def test_the_structure_reached_by_email_gets_the_reminder_by_email(
    need, lone_offer, holder, django_capture_on_commit_callbacks
):
    partnership = _propose(need, lone_offer, holder, django_capture_on_commit_callbacks)
    _age(partnership, 8)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reach.partnerships_remind_and_expire()
    assert any(m.to == ["contact@conserverie.example"] and "Rappel" in m.subject for m in mail.outbox)


def test_expiry_after_thirty_days_tells_both_sides(
    need, offer, holder, representative, django_capture_on_commit_callbacks
):
    partnership = _propose(need, offer, holder, django_capture_on_commit_callbacks)
    _age(partnership, 31)
    assert reach.partnerships_remind_and_expire() == (0, 1)
    partnership.refresh_from_db()
    assert partnership.status == "expired"
    assert PartnershipEvent.objects.filter(partnership=partnership, to_status="expired").exists()
    for person in (holder, representative):
        assert Notification.objects.filter(recipient=person, kind="partnerships.expired").exists()


def test_delays_are_set_per_pole(login, pole, need, offer, holder, coordinator):
    response = login(coordinator).post(
        reverse("partnerships:delays", kwargs={"pole": pole.slug}), {"reminder_days": 3, "expiry_days": 10}
    )
    assert response.status_code == 302
    assert PartnershipSettings.objects.get(pole=pole).expiry_days == 10
    (partnership,), _ = services.partnership_propose_for_need(need=need, offers=[offer], by=holder)
    _age(partnership, 4)
    assert reach.partnerships_remind_and_expire() == (1, 0)
    _age(partnership, 11)
    assert reach.partnerships_remind_and_expire() == (0, 1)


def test_delays_in_the_wrong_order_are_refused(pole):
    with pytest.raises(Exception) as error:
        reach.partnership_delays_update(pole=pole, reminder_days=10, expiry_days=5)
    assert "après la relance" in str(error.value)


def test_the_dashboard_lists_stalled_proposals(login, pole, need, offer, holder, coordinator):
    (partnership,), _ = services.partnership_propose_for_need(need=need, offers=[offer], by=holder)
    _age(partnership, 9)
    page = login(coordinator).get(reverse("partnerships:dashboard", kwargs={"pole": pole.slug}))
    assert "Proposé il y a 9 jours" in page.content.decode()


def test_the_scheduled_command_reminds_and_expires(need, offer, holder, pole):
    from io import StringIO

    from django.core.management import call_command

    (first,), _ = services.partnership_propose_for_need(need=need, offers=[offer], by=holder)
    other_offer = OfferFactory(pole=pole, structure=f.StructureFactory(pole=pole, email="autre@example.org"))
    (second,), _ = services.partnership_propose_for_need(need=need, offers=[other_offer], by=holder)
    _age(first, 8)
    _age(second, 40)
    out = StringIO()
    call_command("partnerships_remind", stdout=out)
    assert out.getvalue().strip() == "1 relance(s), 1 proposition(s) expirée(s)."
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.reminded_at is not None and second.status == "expired"


def test_an_offer_owner_sees_who_receives_a_proposal_to_a_need(pole, need, holder):
    orphan = NeedFactory(pole=pole, project=f.ProjectFactory(pole=pole, holder=None))
    recipients = reach.recipients_for_needs([need, orphan], pole=pole)
    assert recipients[need.pk].via == "person" and "Hugo" in recipients[need.pk].label
    assert recipients[orphan.pk].via == "coordination" and "n’a pas de porteur" in recipients[orphan.pk].label
