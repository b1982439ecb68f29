"""The open-data page: each dataset with its licence, row count, last update, columns and links."""

from django.core.cache import cache

from peps.core.testing import factories as f


def test_page_lists_every_dataset_with_counts_and_downloads(client, seeded, django_assert_max_num_queries):
    cache.clear()
    # Every count and last change in one query (plus the poles to choose from).
    with django_assert_max_num_queries(2):
        response = client.get("/donnees/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Licence Ouverte" in html
    for slug in ("structures", "projets", "evenements", "decisions", "poles"):
        assert f'href="/donnees/{slug}.csv"' in html
        assert f'href="/donnees/{slug}.json"' in html
    figures = {s.dataset.slug: s.count for s in response.context["summaries"]}
    assert figures == {"structures": 2, "projets": 1, "evenements": 1, "decisions": 1, "poles": 1}
    assert "<code>forme_juridique</code>" in html
    assert "2 lignes" in html


def test_counts_leave_out_archived_structures_network_wide_and_per_pole(client, seeded, pole, other_pole):
    """Structures are counted as the table minus its archived rows: both must be right."""
    f.StructureFactory(pole=other_pole)
    f.StructureFactory(pole=other_pole, is_active=False)
    network = client.get("/donnees/").context["summaries"]
    assert {s.dataset.slug: s.count for s in network}["structures"] == 3
    one_pole = client.get(f"/donnees/?pole={pole.slug}").context["summaries"]
    assert {s.dataset.slug: s.count for s in one_pole}["structures"] == 2


def test_last_update_is_that_of_the_latest_public_row(client, seeded):
    from peps.directory.models import Structure

    latest = Structure.objects.filter(is_active=True).order_by("-updated_at").first()
    figures = {s.dataset.slug: s for s in client.get("/donnees/").context["summaries"]}
    assert figures["structures"].last_update == latest.updated_at


def test_pole_choice_keeps_the_chosen_pole_selected(client, seeded, other_pole):
    html = client.get("/donnees/?pole=autre-pole").content.decode()
    assert '<option value="autre-pole" selected>' in html


def test_one_pole_page_links_to_that_pole_files(client, seeded, other_pole):
    f.StructureFactory(pole=other_pole)
    response = client.get("/donnees/?pole=autre-pole")
    assert response.status_code == 200
    assert 'href="/donnees/structures.csv?pole=autre-pole"' in response.content.decode()
    assert {s.dataset.slug: s.count for s in response.context["summaries"]}["structures"] == 1


def test_unknown_pole_is_404(client, seeded):
    assert client.get("/donnees/?pole=nulle-part").status_code == 404
