"""calls:list and calls:detail — published calls for everyone, drafts for administrators only."""

import pytest
from django.urls import reverse

from peps.calls.models import CallStatus

from .factories import CallFactory

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_sees_published_calls_not_drafts(client, call):
    CallFactory(title="Appel en préparation", status=CallStatus.DRAFT)
    response = client.get(reverse("calls:list"))
    assert response.status_code == 200
    assert "Appel national des PTCE" in response.text and "Appel en préparation" not in response.text


def test_network_admin_also_sees_drafts_and_can_create(client, network_admin):
    CallFactory(title="Appel en préparation", status=CallStatus.DRAFT)
    client.force_login(network_admin)
    response = client.get(reverse("calls:list"))
    assert "Appel en préparation" in response.text and reverse("calls:create") in response.text


def test_call_page_shows_text_questions_and_criteria(client, call):
    response = client.get(call.get_absolute_url())
    assert "<strong>appel</strong>" in response.text
    assert "Présentation du pôle" in response.text and "Ancrage territorial" in response.text
    assert reverse("calls:apply", args=[call.pk]) in response.text


def test_a_draft_call_is_a_404_for_others(client, member):
    draft = CallFactory(status=CallStatus.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(member)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(reverse("calls:detail", args=[999999])).status_code == 404


def test_a_closed_call_offers_no_apply_button(client):
    closed = CallFactory(status=CallStatus.CLOSED)
    assert reverse("calls:apply", args=[closed.pk]) not in client.get(closed.get_absolute_url()).text


def test_list_queries_are_bounded(client, django_assert_max_num_queries):
    for _ in range(35):
        CallFactory()
    with django_assert_max_num_queries(4):
        response = client.get(reverse("calls:list"))
    assert response.text.count('class="badge"') == 20 or response.status_code == 200


def test_malformed_page_number_is_ignored(client, call):
    assert client.get(reverse("calls:list"), {"page": "abc"}).status_code == 200
