"""partnerships:need_create, need, need_edit, need_propose, project_needs."""

import pytest
from django.urls import reverse

from peps.core.testing import factories as f
from peps.partnerships import services
from peps.partnerships.models import Need, Partnership
from peps.projects.models import ProjectVisibility

from .factories import NeedFactory, OfferFactory, engine_queries, representative_of


def url(name, **kwargs):
    return reverse(f"partnerships:{name}", kwargs={"pole": "pollens", **kwargs})


def plain(response) -> str:
    """The page's HTML with the typography's narrow and non-breaking spaces as spaces."""
    return response.content.decode().replace("\u202f", " ").replace("\u00a0", " ")


def form_data(**overrides):
    data = {
        "category": "premises",
        "title": "Un local de 50 m² à Roanne deux soirs par semaine",
        "description": "Pour nos soirées lecture.",
        "starts_on": "",
        "ends_on": "",
        "reach": "around",
        "commune": "Roanne (42)",
        "radius_km": "15",
        "is_open": "on",
    }
    return {**data, **overrides}


def test_the_holder_publishes_a_need_and_lands_on_its_suggestions(login, project, holder, commune, offer):
    response = login(holder).post(url("need_create", project_pk=project.pk), form_data())
    need = Need.objects.get()
    assert response.status_code == 302 and response["Location"] == need.get_absolute_url()
    assert need.commune == commune and need.radius_km == 15 and need.project == project
    page = login(holder).get(need.get_absolute_url())
    assert [s.offer for s in page.context["suggestions"]] == [offer]
    assert "Proposer un partenariat" in page.content.decode()


def test_a_coordinator_may_add_a_need_to_a_project(login, project, coordinator):
    assert login(coordinator).post(url("need_create", project_pk=project.pk), form_data()).status_code == 302


def test_a_member_who_is_not_the_holder_gets_403(login, project, member):
    assert login(member).get(url("need_create", project_pk=project.pk)).status_code == 403
    assert login(member).post(url("need_create", project_pk=project.pk), form_data()).status_code == 403


def test_an_outsider_gets_404_on_a_members_only_project(login, pole, holder, outsider):
    hidden = f.ProjectFactory(pole=pole, holder=holder, visibility=ProjectVisibility.MEMBERS)
    assert login(outsider).get(url("need_create", project_pk=hidden.pk)).status_code == 404
    need = NeedFactory(pole=pole, project=hidden)
    assert login(outsider).get(need.get_absolute_url()).status_code == 404


def test_anonymous_is_sent_to_login(client, project):
    response = client.get(url("need_create", project_pk=project.pk))
    assert response.status_code == 302 and "/compte/" in response["Location"]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"description": ""}, "description", "Décrivez-le"),
        ({"starts_on": "2026-05-10", "ends_on": "2026-05-01"}, "ends_on", "La date de fin (01/05/2026) est avant"),
        ({"commune": ""}, "commune", "Indiquez la commune"),
        ({"starts_on": "pas une date"}, "starts_on", "date valide"),
        ({"radius_km": "-3"}, "radius_km", ""),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_kept(login, project, holder, overrides, field, message):
    response = login(holder).post(url("need_create", project_pk=project.pk), form_data(**overrides))
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors and message in " ".join(form.errors[field])
    assert "Un local de 50 m²" in response.content.decode()
    assert not Need.objects.exists()


def test_a_structure_representative_posts_a_need_for_the_structure(login, structure, representative, member):
    response = login(representative).post(url("structure_need_create", slug=structure.slug), form_data())
    assert response.status_code == 302
    assert Need.objects.get().structure == structure
    assert login(member).get(url("structure_need_create", slug=structure.slug)).status_code == 403


def test_suggestions_are_for_the_holder_only(client, login, need, offer, member):
    assert "suggestions" not in client.get(need.get_absolute_url()).context
    assert "suggestions" not in login(member).get(need.get_absolute_url()).context


def test_the_holder_proposes_to_several_partners_in_one_submit(login, pole, need, offer, holder):
    second = OfferFactory(pole=pole, category="premises", title="Salle paroissiale")
    response = login(holder).post(
        url("need_propose", pk=need.pk), {"targets": [offer.pk, second.pk], "message": "Bonjour !"}, follow=True
    )
    assert Partnership.objects.filter(project=need.project).count() == 2
    assert "Partenariat proposé" in response.content.decode()
    suggestions = response.context["suggestions"]
    assert all(s.already_proposed for s in suggestions)


def test_proposing_twice_shows_an_info_message_and_keeps_one(login, need, offer, holder):
    client = login(holder)
    client.post(url("need_propose", pk=need.pk), {"targets": [offer.pk]})
    response = client.post(url("need_propose", pk=need.pk), {"targets": [offer.pk]}, follow=True)
    assert Partnership.objects.count() == 1
    assert "existe déjà" in response.content.decode()


def test_proposing_without_choosing_or_with_a_wrong_id_is_explained(login, need, offer, holder):
    response = login(holder).post(url("need_propose", pk=need.pk), {"targets": [], "message": "Bonjour"})
    assert response.status_code == 200 and "Cochez au moins une proposition." in response.content.decode()
    response = login(holder).post(url("need_propose", pk=need.pk), {"targets": ["abc", "999999"]})
    assert response.status_code == 200 and "plus disponible" in response.content.decode()
    assert not Partnership.objects.exists()


def test_only_the_holder_or_a_coordinator_edits_and_proposes(login, need, offer, member, coordinator):
    assert login(member).get(url("need_edit", pk=need.pk)).status_code == 403
    assert login(member).post(url("need_propose", pk=need.pk), {"targets": [offer.pk]}).status_code == 403
    response = login(coordinator).post(url("need_edit", pk=need.pk), form_data(title="Une salle", is_open=""))
    assert response.status_code == 302
    need.refresh_from_db()
    assert need.title == "Une salle" and not need.is_open


def test_a_wrong_id_is_404(client, pole, other_pole):
    assert client.get(url("need", pk=999999)).status_code == 404
    elsewhere = NeedFactory(pole=other_pole)
    assert client.get(url("need", pk=elsewhere.pk)).status_code == 404


def test_the_project_needs_page(client, login, need, project, holder, member):
    response = client.get(url("project_needs", project_pk=project.pk))
    assert need.title in response.content.decode()
    assert not response.context["can_add"]
    assert login(holder).get(url("project_needs", project_pk=project.pk)).context["can_add"]


def test_a_representative_of_a_need_structure_sees_suggestions(login, pole, representative, structure, offer):
    other = f.StructureFactory(pole=pole)
    representative_of(other, representative)
    need = NeedFactory(pole=pole, project=None, structure=other)
    response = login(representative).get(need.get_absolute_url())
    assert [s.offer for s in response.context["suggestions"]] == [offer]
    assert "contactez ces partenaires" in response.content.decode()


def test_need_page_query_count_is_bounded(login, pole, need, holder, django_assert_max_num_queries):
    for index in range(30):
        OfferFactory(pole=pole, category="premises", title=f"Salle {index}")
    client = login(holder)
    # The page's own reads: session, person, pole, need, partners already proposed, who receives
    # each proposal (one query for all the suggested structures), the partnerships; and the engine's.
    with django_assert_max_num_queries(9 + engine_queries()):
        response = client.get(need.get_absolute_url())
    assert len(response.context["suggestions"]) == 10
    assert all(s.recipient is not None for s in response.context["suggestions"])


def test_a_suggestion_says_what_it_is_who_receives_it_and_why(login, pole, need, offer, holder, settings):
    services.partnership_propose_for_need(need=need, offers=[offer], by=holder)
    html = plain(login(holder).get(need.get_absolute_url()))
    # Already proposed: the box is there, disabled, and the card says so.
    assert f'<input type="checkbox" name="targets" value="{offer.pk}" id="target-{offer.pk}" disabled>' in html
    assert (
        f'<label for="target-{offer.pk}">Salle de réunion de 60 m² en soirée — Maison des associations</label>' in html
    )
    link = url("offer", pk=offer.pk)
    assert (
        f'<a href="{link}">Voir l’offre<span class="visually-hidden"> « Salle de réunion de 60 m² en soirée »</span></a>'
        in html
    )
    assert '<p class="recipient recipient-representative"><strong>Qui la reçoit :</strong> Reçu par Rose' in html
    assert "Pertinence : " in html and "<strong>partenariat déjà proposé</strong>" in html
    assert '<p>Pourquoi :</p><ul class="reasons"><li>' in html
    # The partnership proposed, linked to its page; the form to propose to others.
    partnership = Partnership.objects.get()
    assert (
        f'<a href="{url("detail", pk=partnership.pk)}">« Café-lecture solidaire » avec Maison des associations</a>'
        in html
    )
    assert "Pour le besoin « Un local de 50 m² à Roanne deux soirs par semaine » — proposé le " in html
    assert '<textarea name="message"' in html and 'name="csrfmiddlewaretoken"' in html
    assert (
        f'<a href="{url("project_needs", project_pk=need.project_id)}">Les besoins du projet « Café-lecture solidaire »</a>'
        in html
    )


def test_the_need_page_is_in_english_with_the_language_cookie(client, login, need, offer, holder, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = plain(login(holder).get(need.get_absolute_url()))
    assert "Suggested partners" in html and "Relevance: " in html and "Who receives it:" in html
    assert "Pertinence" not in html and "Qui la reçoit" not in html


def test_values_are_escaped_on_the_need_page(login, pole, need, holder):
    OfferFactory(pole=pole, category="premises", title="Salle <b>bleue</b> & verte", structure__name="L’atelier <i>")
    need.description = "Ligne <script>alert(1)</script>"
    need.save()
    html = plain(login(holder).get(need.get_absolute_url()))
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Salle &lt;b&gt;bleue&lt;/b&gt; &amp; verte" in html and "<b>bleue" not in html
    assert "&lt;i&gt;" in html
