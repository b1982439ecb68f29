"""Closing a debate with a synthesis: its author or a coordinator; others 403; then read-only."""

from django.urls import reverse

from peps.deliberation.models import Debate, DebateStatus


def url(debate):
    return reverse("deliberation:close", kwargs={"pole": debate.pole.slug, "pk": debate.pk})


def test_the_author_closes_and_the_synthesis_shows_at_the_top(client, debate, member):
    client.force_login(member)
    assert client.get(url(debate)).status_code == 200
    response = client.post(url(debate), {"synthesis": "**Le Coteau** l’emporte, sous conditions."})
    assert response.status_code == 302
    debate.refresh_from_db()
    assert debate.status == DebateStatus.CLOSED and debate.closed_by == member
    content = client.get(debate.get_absolute_url()).content.decode()
    assert content.index("Synthèse du débat") < content.index("column-pro")
    assert "<strong>Le Coteau</strong>" in content and "Débat clos" in content


def test_a_coordinator_closes_a_debate_opened_by_someone_else(client, debate, coordinator):
    client.force_login(coordinator)
    assert client.post(url(debate), {"synthesis": "Synthèse."}).status_code == 302
    assert Debate.objects.get(pk=debate.pk).closed_by == coordinator


def test_another_member_gets_a_403(client, debate, other_member):
    client.force_login(other_member)
    assert client.get(url(debate)).status_code == 403
    assert client.post(url(debate), {"synthesis": "Non."}).status_code == 403
    assert Debate.objects.get(pk=debate.pk).status == DebateStatus.OPEN


def test_a_citizen_gets_a_403_and_a_visitor_is_sent_to_sign_in(client, debate, citizen):
    response = client.get(url(debate))
    assert response.status_code == 302 and "/compte/login/" in response.url
    client.force_login(citizen)
    assert client.post(url(debate), {"synthesis": "Non."}).status_code == 403


def test_an_outsider_gets_a_404_on_a_members_only_debate(client, members_debate, outsider):
    client.force_login(outsider)
    assert client.post(url(members_debate), {"synthesis": "Non."}).status_code == 404


def test_an_empty_synthesis_gives_a_form_error(client, debate, member):
    client.force_login(member)
    content = client.post(url(debate), {"synthesis": " "}).content.decode()
    assert "Écrivez la synthèse du débat." in content
    assert Debate.objects.get(pk=debate.pk).status == DebateStatus.OPEN


def test_closing_twice_says_it_is_already_closed(client, debate, member):
    client.force_login(member)
    client.post(url(debate), {"synthesis": "Une fois."})
    response = client.post(url(debate), {"synthesis": "Deux fois."}, follow=True)
    assert "Ce débat est déjà clos." in response.content.decode()
    assert Debate.objects.get(pk=debate.pk).synthesis == "Une fois."
