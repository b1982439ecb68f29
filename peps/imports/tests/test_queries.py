"""Pages with many rows cost a bounded number of queries."""

from django.urls import reverse

from peps.imports.models import ImportJob, RegisterEstablishment, RegisterUnit

from .conftest import siret_for


def test_the_ess_list_does_not_grow_with_its_rows(client, pole, coordinator, territory, django_assert_max_num_queries):
    for n in range(1, 41):
        siret = siret_for(n)
        RegisterUnit.objects.create(siren=siret[:9], name=f"Structure ESS {n}", is_ess=True)
        RegisterEstablishment.objects.create(siret=siret, siren=siret[:9], commune_code="42187")
    client.force_login(coordinator)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("imports:ess", kwargs={"pole": pole.slug}))
    assert response.content.decode().count("Ajouter à l’annuaire et noter un contact") == 20


def test_the_import_page_lists_jobs_in_bounded_queries(client, pole, coordinator, django_assert_max_num_queries):
    for n in range(30):
        ImportJob.objects.create(
            pole=pole, kind="structures", created_by=coordinator, original_name=f"f{n}.csv", file_format="csv"
        )
    client.force_login(coordinator)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("imports:index", kwargs={"pole": pole.slug}))
    assert response.content.decode().count("f2") >= 1
