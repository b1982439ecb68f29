"""accounts:newsletters — consent to each pole's newsletter from my profile."""

import pytest
from django.urls import reverse

from peps.newsletters import selectors, services

pytestmark = pytest.mark.django_db
URL = reverse("accounts:newsletters")


def test_anonymous_is_sent_to_login(client):
    assert "/compte/login/" in client.get(URL)["Location"]


def test_a_member_consents_then_withdraws(client, pole, member):
    client.force_login(member)
    html = client.get(URL).content.decode()
    assert html.count("<h1>") == 1 and pole.name in html and "<legend>" in html
    client.post(URL, {"poles": [str(pole.pk)]})
    subscription = selectors.subscriptions_of(member).get()
    assert subscription.is_active and subscription.source == "profile"
    client.post(URL, {})
    assert selectors.recipients_of(pole) == []


def test_a_pole_i_subscribed_to_without_being_member_is_listed(client, other_pole, citizen):
    services.subscription_consent(pole=other_pole, user=citizen)
    client.force_login(citizen)
    response = client.get(URL)
    assert other_pole.name in response.content.decode()
    assert response.context["form"].initial["poles"] == [str(other_pole.pk)]


def test_an_unknown_choice_is_refused_without_error(client, pole, other_pole, member):
    client.force_login(member)
    response = client.post(URL, {"poles": [str(other_pole.pk)]})
    assert response.status_code == 200 and selectors.recipients_of(other_pole) == []


def test_nobody_without_poles_sees_an_explanation(client, citizen):
    client.force_login(citizen)
    assert "aucun pôle" in client.get(URL).content.decode()
