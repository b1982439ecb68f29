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


def _summaries_by_orm(pole):
    from peps.opendata.datasets import DATASETS
    from peps.opendata.selectors import Summary, _summaries_queryset

    row = _summaries_queryset(pole).first() or {}
    return [Summary(ds, row.get(f"{slug}__n") or 0, row.get(f"{slug}__last")) for slug, ds in DATASETS.items()]


def test_the_counts_read_once_compiled_are_the_orms(seeded, pole, other_pole):
    """summaries() runs the query compiled once per engine, network or pole: the same counts
    and last changes as the ORM's query, for the network, one pole, then another pole."""
    from peps.opendata.selectors import summaries

    f.StructureFactory(pole=other_pole)
    for which in (None, pole, other_pole, None):
        assert summaries(pole=which) == _summaries_by_orm(which)
    assert {s.dataset.slug: s.count for s in summaries(pole=other_pole)}["structures"] == 1
    assert all(s.last_update is None or s.last_update.tzinfo is not None for s in summaries())


def test_a_dataset_registered_later_is_counted(seeded):
    from peps.opendata import datasets
    from peps.opendata.selectors import summaries
    from peps.poles.models import Pole

    extra = datasets.Dataset(
        slug="greffon",
        title="Jeu du greffon",
        description="Les pôles, vus par le greffon.",
        columns=[datasets.Column("id", "entier", "Identifiant.")],
        queryset=lambda: Pole.objects.all(),
        pole_filter="pk",
        order_by=("id",),
        select=lambda: ["id"],
        build=lambda ds, row: row,
        last_update="created_at",
    )
    before = summaries()
    datasets.datasets.register(extra, order=1000)
    try:
        found = {s.dataset.slug: s.count for s in summaries()}
    finally:
        datasets.datasets.unregister("greffon")
    assert found["greffon"] == Pole.objects.count()
    assert summaries() == before


def test_the_columns_are_described_in_the_visitors_language(client, seeded):
    """Each dataset's texts are translated once per language (Dataset.texts), not once for
    every visitor: the English page after the French one is in English."""
    french = client.get("/donnees/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    english = client.get("/donnees/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<td>Page du projet sur la plateforme.</td>" in french
    assert "<td>Page of the project on the platform.</td>" in english
    assert '<th scope="col">Rows</th>' in english
    assert client.get("/donnees/", HTTP_ACCEPT_LANGUAGE="fr").content.decode() == french


def test_hidden_rows_are_exactly_the_complement_of_the_public_ones(seeded, other_pole):
    """A dataset counted as its table minus its hidden rows (Dataset.hidden): every row is in
    one and only one of the two, network-wide and for each pole."""
    from peps.opendata.datasets import DATASETS
    from peps.projects.models import ProjectVisibility

    for visibility in ProjectVisibility.values:
        f.ProjectFactory(pole=other_pole, visibility=visibility)
    with_hidden = [dataset for dataset in DATASETS.values() if dataset.hidden is not None]
    assert {dataset.slug for dataset in with_hidden} >= {"structures", "projets"}
    for dataset in with_hidden:
        table = dataset.hidden().model._default_manager
        for pole in (None, other_pole):
            rows = table.filter(**{dataset.pole_filter: pole.pk}) if pole else table.all()
            public = set(dataset.public_rows(pole=pole).values_list("pk", flat=True))
            hidden = set(dataset.hidden_rows(pole=pole).values_list("pk", flat=True))
            assert public.isdisjoint(hidden), dataset.slug
            assert public | hidden == set(rows.values_list("pk", flat=True)), dataset.slug
