"""« Ma cotisation »: the sentence, the amount, how to pay, and the two ways forward."""

import datetime
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from peps.core.typography import french_text
from peps.notifications.models import Notification
from peps.poles.models import Membership, MembershipEvent, MembershipFee


def _url(pole):
    return reverse("poles:my_fee", kwargs={"pole": pole.slug})


def test_an_unpaid_member_reads_the_sentence_the_amount_and_how_to_pay(client, pole, member):
    pole.fee_amount, pole.fee_how_to_pay = Decimal("30"), "Par chèque à l’ordre de POLLENS."
    pole.save()
    client.force_login(member)
    page = client.get(_url(pole)).content.decode()
    year = timezone.localdate().year
    assert f"Votre cotisation {year} n’est pas réglée." in page
    assert "30\u00a0€" in page or "30&nbsp;€" in page
    assert "Par chèque à l’ordre de POLLENS." in page
    assert french_text("J’ai réglé : prévenir la coordination") in page and "Envoyer ma question" in page


def test_the_amount_recorded_for_the_year_wins_over_the_pole_amount(client, pole, member):
    pole.fee_amount = Decimal("30")
    pole.save()
    membership = Membership.objects.get(pole=pole, person=member)
    MembershipFee.objects.create(membership=membership, year=timezone.localdate().year, amount=Decimal("15"))
    client.force_login(member)
    assert "15\u00a0€" in client.get(_url(pole)).content.decode().replace("&nbsp;", "\u00a0")


def test_saying_it_is_paid_tells_the_coordination(client, pole, member, coordinator):
    client.force_login(member)
    membership = Membership.objects.get(pole=pole, person=member)
    response = client.post(_url(pole), {"action": "paid", "membership": membership.pk, "how": "virement du 3 mars"})
    assert response.status_code == 302
    notification = Notification.objects.get(recipient=coordinator, kind="poles.fee_declared")
    assert "virement du 3 mars" in notification.text
    assert MembershipEvent.objects.filter(membership=membership, by=member).exists()
    assert not MembershipFee.objects.filter(membership=membership, paid_on__isnull=False).exists()


def test_a_question_goes_to_the_coordination(client, pole, member, coordinator):
    client.force_login(member)
    membership = Membership.objects.get(pole=pole, person=member)
    client.post(_url(pole), {"action": "question", "membership": membership.pk, "message": "Un tarif réduit ?"})
    assert Notification.objects.filter(recipient=coordinator, kind="poles.fee_question").exists()
    empty = client.post(_url(pole), {"action": "question", "membership": membership.pk, "message": ""})
    assert empty.status_code == 400 and "Écrivez votre question" in empty.content.decode()


def test_someone_else_s_membership_is_refused(client, pole, member, coordinator):
    client.force_login(member)
    other = Membership.objects.get(pole=pole, person=coordinator)
    response = client.post(_url(pole), {"action": "paid", "membership": other.pk})
    assert response.status_code == 400
    assert not Notification.objects.filter(kind="poles.fee_declared").exists()


def test_a_paid_fee_says_thanks(client, pole, member):
    membership = Membership.objects.get(pole=pole, person=member)
    year = timezone.localdate().year
    MembershipFee.objects.create(membership=membership, year=year, amount=30, paid_on=datetime.date(year, 1, 5))
    client.force_login(member)
    assert f"Votre cotisation {year} est réglée" in client.get(_url(pole)).content.decode()


def test_a_visitor_is_asked_to_sign_in(client, pole):
    assert client.get(_url(pole)).status_code == 302


def test_a_non_member_is_offered_to_join(client, pole, citizen):
    client.force_login(citizen)
    assert "Rejoindre le pôle" in client.get(_url(pole)).content.decode()
