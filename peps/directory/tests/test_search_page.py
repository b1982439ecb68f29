"""A search's page of results: the rows and their total read together (a window count), the
other filters paginated as before, and a page past the end still told how many there are."""

from django.urls import reverse

from peps.core.testing import factories as f

from .factories import sector, structure_with_search


def search(client, pole, **params):
    return client.get(reverse("directory:list", kwargs={"pole": pole.slug}), params)


def test_a_search_gives_its_page_of_rows_and_the_total_of_the_pole(client, settings, pole, other_pole):
    settings.PEPS_PAGE_SIZE = 2
    for name in ("Épicerie A", "Épicerie B", "Épicerie C"):
        structure_with_search(pole=pole, name=name)
    structure_with_search(pole=pole, name="Épicerie fermée", is_active=False)
    structure_with_search(pole=other_pole, name="Épicerie d’ailleurs")
    first = search(client, pole, q="epic").context["page"]
    assert ([s.name for s in first.items], first.total, first.num_pages, first.has_next) == (
        ["Épicerie A", "Épicerie B"],
        3,
        2,
        True,
    )
    second = search(client, pole, q="epic", page=2).context["page"]
    assert ([s.name for s in second.items], second.total, second.has_next) == (["Épicerie C"], 3, False)


def test_past_the_last_page_the_total_is_still_known(client, settings, pole):
    settings.PEPS_PAGE_SIZE = 2
    structure_with_search(pole=pole, name="Recyclerie")
    page = search(client, pole, q="recy", page=5).context["page"]
    assert (page.items, page.total) == ([], 1)


def test_a_search_reads_rows_and_total_in_one_query(client, pole, django_assert_max_num_queries):
    for number in range(30):
        structure_with_search(pole=pole, name=f"Garage solidaire {number}", sectors=[sector("mobilite")])
    # pole, sectors, communes, colleges, the page with its total, the page's sectors.
    with django_assert_max_num_queries(6):
        response = search(client, pole, q="garage sol")
    assert response.context["page"].total == 30
    assert "Mobilité" in response.content.decode()


def test_the_commune_filter_lists_each_commune_once_with_its_departement(client, pole, commune):
    f.StructureFactory(pole=pole, commune=commune)
    f.StructureFactory(pole=pole, commune=commune)
    choices = search(client, pole).context["form"].fields["commune"].choices
    assert choices[1:] == [(commune.code, f"{commune.name} ({commune.departement_id})")]
