"""The open-data page: each dataset with its licence, row count, last update, columns and links."""

from django.core.cache import cache

from peps.core.testing import factories as f


def test_page_lists_every_dataset_with_counts_and_downloads(client, seeded, django_assert_max_num_queries):
    cache.clear()
    with django_assert_max_num_queries(8):
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


def test_one_pole_page_links_to_that_pole_files(client, seeded, other_pole):
    f.StructureFactory(pole=other_pole)
    response = client.get("/donnees/?pole=autre-pole")
    assert response.status_code == 200
    assert 'href="/donnees/structures.csv?pole=autre-pole"' in response.content.decode()
    assert {s.dataset.slug: s.count for s in response.context["summaries"]}["structures"] == 1


def test_unknown_pole_is_404(client, seeded):
    assert client.get("/donnees/?pole=nulle-part").status_code == 404
