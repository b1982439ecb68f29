"""partnerships:dashboard and pooling_open: coordinators only; per month, stale needs, pooling."""

import datetime

from django.urls import reverse
from django.utils import timezone

from peps.core.testing import factories as f
from peps.partnerships import services
from peps.partnerships.models import Need, Partnership
from peps.projects.models import Project, StageChange

from .factories import NeedFactory, PartnershipFactory

URL = reverse("partnerships:dashboard", kwargs={"pole": "pollens"})
POOL_URL = reverse("partnerships:pooling_open", kwargs={"pole": "pollens"})


def accounting_needs(pole):
    return [
        NeedFactory(pole=pole, project=None, structure=f.StructureFactory(pole=pole), category="skills", title=title)
        for title in ("Comptabilité à mi-temps", "Un comptable à temps partiel", "Aide comptable deux jours")
    ]


def test_members_get_403_outsiders_404_visitors_login(client, login, pole, member, outsider):
    assert login(member).get(URL).status_code == 403
    assert login(outsider).get(URL).status_code == 404
    client.logout()
    assert client.get(URL).status_code == 302
    assert login(member).post(POOL_URL, {"needs": []}).status_code == 403


def test_partnerships_formed_per_month(login, need, offer, holder, representative, coordinator):
    created, _ = services.partnership_propose_for_need(need=need, offers=[offer], by=holder)
    services.partnership_accept(partnership=created[0], by=representative)
    response = login(coordinator).get(URL)
    months = response.context["months"]
    assert len(months) == 12 and months[-1]["count"] == 1 and response.context["months_total"] == 1
    page = response.content.decode()
    assert "<svg" in page and '<th scope="row">' in page


def test_open_needs_without_any_proposal_for_30_days(login, pole, coordinator):
    old = NeedFactory(pole=pole, title="Vieux besoin")
    answered = NeedFactory(pole=pole, title="Besoin servi")
    PartnershipFactory(need=answered)
    NeedFactory(pole=pole, title="Besoin récent")
    Need.objects.filter(pk__in=[old.pk, answered.pk]).update(created_at=timezone.now() - datetime.timedelta(days=40))
    response = login(coordinator).get(URL)
    assert [n.title for n in response.context["stale_needs"]] == ["Vieux besoin"]


def test_pooling_opportunities_and_opening_a_collective_project(login, pole, coordinator):
    needs = accounting_needs(pole)
    NeedFactory(pole=pole, category="skills", title="Un graphiste pour notre logo")
    response = login(coordinator).get(URL)
    (opportunity,) = response.context["opportunities"]
    assert {n.pk for n in opportunity.needs} == {n.pk for n in needs} and opportunity.owners == 3
    assert "Ouvrir un projet collectif" in response.content.decode()
    response = login(coordinator).post(POOL_URL, {"needs": [n.pk for n in needs]})
    project = Project.objects.filter(pooled_needs__isnull=False).distinct().get()
    assert project.title.startswith("Projet collectif")
    assert response.status_code == 302 and response["Location"] == project.get_absolute_url()
    assert project.holder == coordinator and project.stage == "submitted"
    assert StageChange.objects.filter(project=project, to_stage="submitted").exists()
    assert all(n.title in project.description for n in needs)
    assert set(Need.objects.filter(pooled_into=project).values_list("pk", flat=True)) == {n.pk for n in needs}
    # Pooled needs no longer show as an opportunity.
    assert login(coordinator).get(URL).context["opportunities"] == []


def test_pooling_with_bad_ids_or_one_owner_is_explained(login, pole, coordinator):
    response = login(coordinator).post(POOL_URL, {"needs": ["abc"]}, follow=True)
    assert "plus disponibles" in response.content.decode()
    one = NeedFactory(pole=pole, category="skills", title="Comptabilité")
    response = login(coordinator).post(POOL_URL, {"needs": [one.pk]}, follow=True)
    assert "au moins deux" in response.content.decode()


def test_dashboard_query_count(login, pole, coordinator, django_assert_max_num_queries):
    accounting_needs(pole)
    for index in range(30):
        need = NeedFactory(pole=pole, title=f"Besoin {index}")
        PartnershipFactory(need=need, status="accepted")
    # Ten proposals left without answer, half of them waiting for the coordination's relay.
    waiting = NeedFactory(pole=pole, title="Un local pour une recyclerie")
    for index in range(10):
        PartnershipFactory(need=waiting, reached_via="coordination" if index % 2 else "email")
    Partnership.objects.filter(status="proposed").update(created_at=timezone.now() - datetime.timedelta(days=10))
    Need.objects.update(created_at=timezone.now() - datetime.timedelta(days=40))
    client = login(coordinator)
    # Two more than before the stalled proposals: the pole's delays and the stalled list.
    with django_assert_max_num_queries(12):
        response = client.get(URL)
    assert response.content.decode().count("J’ai transmis la proposition") == 5
