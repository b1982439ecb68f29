"""resourcepeople:list, :detail, :create, :edit — public profiles for all, members-only ones
for members of any pole, filters, pagination in SQL, administrators' form."""

import pytest
from django.urls import reverse

from peps.core.testing import factories as f
from peps.resourcepeople.models import ResourcePerson
from peps.resourcepeople.tests.factories import ResourcePersonFactory

pytestmark = pytest.mark.django_db
LIST = reverse("resourcepeople:list")


def test_anonymous_visitor_sees_public_people_only(client, helene, sophie):
    text = client.get(LIST).text
    assert "Hélène Garnier" in text and "Sophie Marchand" not in text
    assert client.get(sophie.get_absolute_url()).status_code == 404
    assert client.get(helene.get_absolute_url()).status_code == 200


def test_citizen_without_membership_sees_public_people_only(client, citizen, sophie):
    client.force_login(citizen)
    assert "Sophie Marchand" not in client.get(LIST).text


def test_member_of_any_pole_sees_members_only_people(client, outsider, sophie):
    client.force_login(outsider)
    assert "Sophie Marchand" in client.get(LIST).text
    assert client.get(sophie.get_absolute_url()).status_code == 200


def test_withdrawn_people_are_for_network_admins_only(client, member, network_admin, helene):
    ResourcePerson.objects.filter(pk=helene.pk).update(is_active=False)
    client.force_login(member)
    assert client.get(helene.get_absolute_url()).status_code == 404
    client.force_login(network_admin)
    assert "Retirée du vivier" in client.get(LIST).text


def test_filters_by_skill_language_and_search(client, member, helene, sophie):
    client.force_login(member)
    assert "Sophie" not in client.get(LIST, {"skill": "finance solidaire"}).text
    by_language = client.get(LIST, {"language": "espagnol"}).text
    assert "Sophie" in by_language and "Hélène" not in by_language
    by_search = client.get(LIST, {"q": "helene"}).text
    assert "Hélène" in by_search and "Sophie" not in by_search


def test_filter_by_departement_or_its_region(client, helene, sophie):
    loire = f.DepartementFactory(code="42", name="Loire")
    f.DepartementFactory(code="69", name="Rhône", region=loire.region)
    helene.departements.set([loire])
    assert "Hélène" in client.get(LIST, {"territory": "d:42"}).text
    assert "Hélène" in client.get(LIST, {"territory": "r:84"}).text
    assert "Hélène" not in client.get(LIST, {"territory": "d:69"}).text


def test_malformed_filters_are_ignored(client, helene):
    response = client.get(LIST, {"skill": "inconnu", "territory": "zz", "page": "x", "q": "helene"})
    assert response.status_code == 200 and "Hélène" in response.text


def test_htmx_gets_the_results_only(client, helene):
    response = client.get(LIST, HTTP_HX_REQUEST="true")
    assert "Hélène" in response.text and "<h1>" not in response.text


def test_list_of_forty_people_costs_few_queries(client, member, django_assert_max_num_queries):
    for _n in range(40):
        ResourcePersonFactory()
    client.force_login(member)
    with django_assert_max_num_queries(10):
        response = client.get(LIST)
    assert response.text.count('class="card"') == 20 and "Page 1 sur 2" in response.text


def test_detail_costs_few_queries(client, coordinator, helene, django_assert_max_num_queries):
    client.force_login(coordinator)
    with django_assert_max_num_queries(8):
        response = client.get(helene.get_absolute_url())
    assert "Solliciter cette personne" in response.text
    assert "helene@exemple.demo" not in response.text  # e-mails are for network administrators


def test_unknown_person_is_404(client):
    assert client.get(reverse("resourcepeople:detail", kwargs={"pk": 999})).status_code == 404


@pytest.mark.parametrize("who", ["coordinator", "member", "citizen"])
def test_only_network_admins_add_or_edit(client, helene, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("resourcepeople:create")).status_code == 403
    assert client.post(reverse("resourcepeople:edit", kwargs={"pk": helene.pk}), {"name": "X"}).status_code == 403


def test_anonymous_is_sent_to_login_for_the_form(client):
    response = client.get(reverse("resourcepeople:create"))
    assert response.status_code == 302 and "/compte/login/" in response.url


def test_network_admin_adds_a_person_linked_to_an_account(client, network_admin, citizen):
    loire = f.DepartementFactory(code="42", name="Loire")
    client.force_login(network_admin)
    response = client.post(
        reverse("resourcepeople:create"),
        {
            "name": "Nora Haddad",
            "email": "nora@exemple.demo",
            "skills": "Communication et médiation.",
            "tags": "communication, médiation",
            "territories": "Loire",
            "departements": [loire.pk],
            "languages": "français, arabe",
            "visibility": "public",
            "user": citizen.email,
            "is_active": "on",
        },
    )
    person = ResourcePerson.objects.get(name="Nora Haddad")
    assert response.url == person.get_absolute_url()
    assert person.user == citizen and list(person.departements.all()) == [loire]
    assert person.language_keys == "|francais|arabe|"


def test_form_errors_keep_what_was_typed(client, network_admin):
    client.force_login(network_admin)
    response = client.post(reverse("resourcepeople:create"), {"name": "Nora", "user": "personne@nulle.part"})
    assert response.status_code == 200 and "Aucun compte n’utilise cette adresse." in response.text
    assert 'value="Nora"' in response.text
