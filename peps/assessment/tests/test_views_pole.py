"""Pole pages: the coordinator answers (draft, autosave, submit), the board reads, plain
members and other poles never see the detailed answer unless it is public; the pole's
results page shows its radar against the network and its evolution."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from peps.assessment.models import AnswerStatus, ItemAnswer
from peps.core.testing import factories as f
from peps.core.typography import french_text

from . import factories as af


def _url(name, pole, campaign):
    return reverse(f"assessment_pole:{name}", args=[pole.slug, campaign.pk])


def _post_data(version, *, level="2", chosen=(), action="save", **extra):
    data = {"action": action}
    for code, pk in version.items.filter(depth=2).values_list("code", "pk"):
        data[f"i{pk}_level"] = level
        if code in chosen:
            data[f"i{pk}_chosen"] = "on"
    data.update(extra)
    return data


def test_members_see_the_campaigns_of_their_pole_others_do_not(client, pole, member, outsider, campaign):
    url = reverse("assessment_pole:list", args=[pole.slug])
    assert client.get(url).status_code == 302
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(member)
    response = client.get(url)
    assert response.status_code == 200
    assert campaign.title in response.content.decode()


def test_the_coordinator_saves_a_draft_then_submits(client, pole, coordinator, campaign):
    version = campaign.version
    url = _url("answer", pole, campaign)
    client.force_login(coordinator)
    page = client.get(url)
    assert page.status_code == 200
    assert '<fieldset class="assessment-objective">' in page.content.decode()
    a1 = version.items.get(code="a1").pk
    response = client.post(
        url, _post_data(version, level="", chosen={"a1"}, **{f"i{a1}_level": "3", f"i{a1}_comment": "Bien"})
    )
    assert response.status_code == 302
    row = ItemAnswer.objects.get(item_id=a1)
    assert (row.level, row.comment, row.chosen_most_important) == (3, "Bien", True)
    incomplete = client.post(url, _post_data(version, level="", action="submit", **{f"i{a1}_level": "3"}))
    assert incomplete.status_code == 400
    assert french_text("il manque : a2, b1, b2, c1, c2") in incomplete.content.decode()
    assert client.post(url, _post_data(version, action="submit", chosen={"a1", "c2"})).status_code == 302
    answer = campaign.answers.get(pole=pole)
    assert answer.status == AnswerStatus.SUBMITTED
    # Submitted: read-only, and a POST is refused.
    assert "Transmettre la réponse" not in client.get(url).content.decode()
    assert client.post(url, _post_data(version, level="4")).status_code == 403


def test_autosave_answers_a_partial_for_htmx(client, pole, coordinator, campaign):
    client.force_login(coordinator)
    response = client.post(
        _url("answer", pole, campaign), _post_data(campaign.version, level="1"), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert "Brouillon enregistré automatiquement" in response.content.decode()
    assert campaign.answers.get(pole=pole).status == AnswerStatus.DRAFT


def test_too_many_choices_and_bad_evidence_keep_what_was_typed(client, pole, coordinator, campaign):
    version = campaign.version
    a1 = version.items.get(code="a1").pk
    client.force_login(coordinator)
    response = client.post(
        _url("answer", pole, campaign),
        _post_data(
            version,
            chosen={"a1", "a2", "b1"},
            **{f"i{a1}_evidence": "javascript:alert(1) Piège", f"i{a1}_comment": "Gardé"},
        ),
    )
    content = response.content.decode()
    assert response.status_code == 400
    assert french_text("3 indicateurs « les plus importants » : 2 au plus") in content
    assert "n’est pas une adresse valable" in content
    assert "Gardé" in content
    assert not campaign.answers.exists()


def test_evidence_links_are_stored_and_shown(client, pole, coordinator, campaign):
    version = campaign.version
    a1 = version.items.get(code="a1").pk
    client.force_login(coordinator)
    evidence = "https://example.org/cr-ca.pdf Compte rendu du CA\n/p/pollens/projets/ Projets accompagnés"
    client.post(_url("answer", pole, campaign), _post_data(version, action="submit", **{f"i{a1}_evidence": evidence}))
    row = ItemAnswer.objects.get(item_id=a1)
    # A path on this site is kept as a full address: every stored link has a scheme and a host.
    assert row.evidence == [
        {"url": "https://example.org/cr-ca.pdf", "label": "Compte rendu du CA"},
        {"url": settings.SITE_URL + "/p/pollens/projets/", "label": "Projets accompagnés"},
    ]
    assert f'href="{settings.SITE_URL}/p/pollens/projets/"' in client.get(_url("answer", pole, campaign)).text


@pytest.mark.parametrize(
    "address", ["/\t/evil.com", "/\\evil.com", "//evil.com", "https://", "javascript:alert(1)", "data:text/html,x"]
)
def test_evidence_that_a_browser_would_open_elsewhere_is_refused(client, pole, coordinator, campaign, address):
    version = campaign.version
    a1 = version.items.get(code="a1").pk
    client.force_login(coordinator)
    response = client.post(_url("answer", pole, campaign), _post_data(version, **{f"i{a1}_evidence": address}))
    assert response.status_code == 400
    assert french_text("Ligne 1 : « ") in response.text and "n’est pas une adresse valable" in response.text
    assert not ItemAnswer.objects.filter(item_id=a1).exclude(evidence=[]).exists()


def test_stored_evidence_that_is_not_a_safe_address_is_shown_as_text(client, pole, coordinator, campaign):
    answer = af.answer(campaign, pole, af.full_levels(campaign.version))
    bad = "/\t/evil.com"
    answer.items.filter(item__code="a1").update(
        evidence=[{"url": bad, "label": "Piège"}, {"url": "/p/pollens/projets/", "label": "Projets"}]
    )
    client.force_login(coordinator)
    content = client.get(_url("answer", pole, campaign)).text
    assert "Piège" in content and "evil.com" in content
    assert not [href for href in re.findall(r'href="([^"]*)"', content) if "evil" in href]
    assert f'href="{settings.SITE_URL}/p/pollens/projets/"' in content


def test_detailed_answers_are_hidden_from_members_and_other_poles(client, pole, member, outsider, other_pole, campaign):
    answer = af.answer(campaign, pole, af.full_levels(campaign.version))
    for url in (_url("answer", pole, campaign), _url("results", pole, campaign)):
        client.force_login(member)
        assert client.get(url).status_code == 404
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    # The outsider's own coordinator rights do not reach this pole's answer.
    assert client.post(_url("answer", pole, campaign), {"action": "save"}).status_code == 404
    assert client.post(_url("publish", pole, campaign), {"public": "on"}).status_code == 404
    answer.refresh_from_db()
    assert not answer.public


def test_the_board_reads_the_answer_but_cannot_change_it(client, pole, campaign):
    board_member = f.member_of(pole, role="board", email="ca@example.org")
    af.answer(campaign, pole, af.full_levels(campaign.version))
    client.force_login(board_member)
    assert client.get(_url("answer", pole, campaign)).status_code == 200
    assert client.get(_url("results", pole, campaign)).status_code == 200
    assert client.post(_url("publish", pole, campaign), {"public": "on"}).status_code == 403


def test_a_public_answer_is_readable_by_everyone(client, pole, coordinator, outsider, campaign):
    af.answer(campaign, pole, af.full_levels(campaign.version))
    client.force_login(coordinator)
    client.post(_url("publish", pole, campaign), {"public": "on"})
    client.force_login(outsider)
    assert client.get(_url("answer", pole, campaign)).status_code == 200
    client.logout()
    assert client.get(_url("results", pole, campaign)).status_code == 200


def test_pole_results_show_the_radar_the_table_and_the_evolution(client, pole, coordinator, other_pole, version):
    earlier = af.campaign([pole], version=version, title="Campagne 2024", opens_on="2024-01-08", closes_on="2024-03-29")
    af.answer(earlier, pole, {"a1": 1, "a2": 1, "b1": 2, "b2": 2, "c1": 0, "c2": 0})
    campaign = af.campaign([pole, other_pole], version=version, title="Campagne 2025")
    af.answer(campaign, pole, {"a1": 3, "a2": 3, "b1": 2, "b2": 2, "c1": 1, "c2": 0})
    af.answer(campaign, other_pole, af.full_levels(version, 2))
    client.force_login(coordinator)
    content = client.get(_url("results", pole, campaign)).content.decode()
    assert 'role="img" aria-labelledby="radar-title radar-desc"' in content
    assert "Niveau du pôle" in content
    assert "Campagne 2024" in content and "+2" in content
    svg = client.get(_url("radar_svg", pole, campaign))
    assert svg["Content-Disposition"].startswith("attachment")


def test_a_draft_has_no_results_page(client, pole, coordinator, campaign):
    af.answer(campaign, pole, {"a1": 1}, submitted=False)
    client.force_login(coordinator)
    assert client.get(_url("results", pole, campaign)).status_code == 404


def test_a_campaign_the_pole_is_not_invited_to_is_not_found(client, outsider, other_pole, pole, version):
    campaign = af.campaign([pole], version=version)
    client.force_login(outsider)
    assert client.get(_url("answer", other_pole, campaign)).status_code == 404


@pytest.mark.parametrize("name", ["answer", "results"])
def test_pole_pages_have_bounded_queries(client, pole, coordinator, version, name, django_assert_max_num_queries):
    poles = [pole, *(f.PoleFactory() for _ in range(40))]
    campaign = af.campaign(poles, version=version)
    for p in poles:
        af.answer(campaign, p, af.full_levels(version, 3), chosen={"a1"})
    client.force_login(coordinator)
    with django_assert_max_num_queries(12):
        assert client.get(_url(name, pole, campaign)).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(reverse("assessment_pole:list", args=[pole.slug])).status_code == 200
