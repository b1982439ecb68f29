"""`manage.py seed custom|region|national`: synthetic rows that hold together."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, Q
from django.test import RequestFactory

from peps.accounts.models import User
from peps.core.identifiers import validate_rna, validate_siren, validate_siret
from peps.core.testing.databases import rows_for_a_module
from peps.demo.bulk import DEMO_PASSWORD
from peps.demo.synthetic import BENCH_COORDINATOR_EMAIL, BENCH_POLE_SLUG, SCALES, scale_named
from peps.demo.tests.conftest import make_two_arrondissements
from peps.directory.models import Structure
from peps.poles.models import Membership, Pole, Role
from peps.projects.models import Comment, Project, StageChange
from peps.territory.selectors import communes_in_units

TINY = ["--poles", "2", "--structures", "50", "--people", "20", "--projects", "12", "--comments", "40"]


@pytest.fixture(scope="module")
def seeded_for_the_module(django_db_setup, django_db_blocker):
    """One synthetic seed for the whole module; each test's own writes are still undone after
    it. Tests that need an empty database are in test_seed_refusals."""
    with rows_for_a_module(django_db_blocker):
        make_two_arrondissements()
        out = StringIO()
        call_command("seed", "custom", *TINY, "--no-progress", stdout=out)
        yield out.getvalue()


@pytest.fixture
def seeded(seeded_for_the_module, db):
    return seeded_for_the_module


def test_custom_scale_creates_the_counts_asked_for(seeded):
    assert Pole.objects.count() == 2
    assert Structure.objects.count() == 50
    assert User.objects.count() == 20
    assert Project.objects.count() == 12
    assert Comment.objects.count() == 40
    assert Membership.objects.filter(person__isnull=False).count() == 20
    assert Membership.objects.filter(structure__isnull=False).exists()
    assert Structure.sectors.through.objects.count() >= 50
    assert "Seeded `custom`" in seeded


def test_every_row_sits_in_a_commune_of_its_poles_territory(seeded):
    for pole in Pole.objects.all():
        territory = set(communes_in_units(pole.territory_units.all()).values_list("code", flat=True))
        assert territory
        assert set(Structure.objects.filter(pole=pole).values_list("commune_id", flat=True)) <= territory
        assert set(Project.objects.filter(pole=pole).values_list("commune_id", flat=True)) <= territory
        people = User.objects.filter(memberships__pole=pole)
        assert set(people.values_list("commune_id", flat=True)) <= territory


def test_poles_get_distinct_real_territories_and_pole_001_is_the_roannais(seeded):
    codes = [tuple(p.territory_units.values_list("kind", "code")) for p in Pole.objects.order_by("slug")]
    assert codes == [(("arrondissement", "422"),), (("arrondissement", "421"),)]


def test_project_counters_match_the_rows(seeded):
    projects = Project.objects.annotate(
        n_supports=Count("supports", distinct=True),
        n_follows=Count("follows", distinct=True),
        n_comments=Count("comments", filter=Q(comments__is_hidden=False), distinct=True),
    )
    for p in projects:
        assert (p.supporters_count, p.followers_count, p.comments_count) == (p.n_supports, p.n_follows, p.n_comments)


def test_people_and_holders_belong_to_the_pole_of_their_project(seeded):
    for project in Project.objects.select_related("holder_structure"):
        assert Membership.objects.filter(pole_id=project.pole_id, person_id=project.holder_id).exists()
        if project.holder_structure:
            assert project.holder_structure.pole_id == project.pole_id
    for comment in Comment.objects.select_related("project"):
        assert Membership.objects.filter(pole_id=comment.project.pole_id, person_id=comment.author_id).exists()


def test_stage_history_leads_to_the_current_stage(seeded):
    for project in Project.objects.all():
        history = list(StageChange.objects.filter(project=project).order_by("at", "pk"))
        assert history[0].to_stage == "submitted"
        assert history[-1].to_stage == project.stage
        assert project.stage_changed_at == history[-1].at


def test_search_text_matches_what_the_models_compute(seeded):
    for structure in Structure.objects.prefetch_related("sectors").select_related("commune"):
        stored = structure.search_text
        structure.refresh_search_text([s.name for s in structure.sectors.all()])
        assert stored == structure.search_text != ""
    for project in Project.objects.all():
        stored = project.search_text
        project.refresh_search_text()
        assert stored == project.search_text
    assert not User.objects.filter(search_text="").exists()


def test_identifiers_are_valid(seeded):
    for structure in Structure.objects.all():
        assert structure.siren or structure.rna or structure.legal_form == "collectivite"
        if structure.siren:
            validate_siren(structure.siren)
            validate_siret(structure.siret)
        if structure.rna:
            validate_rna(structure.rna)


def test_the_bench_coordinator_of_pole_001_can_sign_in(seeded, client):
    pole = Pole.objects.get(slug=BENCH_POLE_SLUG)
    coordinator = User.objects.get(email=BENCH_COORDINATOR_EMAIL)
    assert Membership.objects.get(pole=pole, person=coordinator).role == Role.COORDINATOR
    request = RequestFactory().post("/compte/login/")  # django-axes wants the request
    assert client.login(request=request, email=BENCH_COORDINATOR_EMAIL, password=DEMO_PASSWORD)


def test_seeding_twice_is_refused(seeded):
    with pytest.raises(CommandError, match="already"):
        call_command("seed", "custom", *TINY, "--no-progress", stdout=StringIO())


def test_named_scales_match_the_issue():
    assert SCALES["national"] == scale_named("national")
    national = SCALES["national"]
    assert (national.poles, national.structures, national.people, national.projects, national.comments) == (
        100,
        200_000,
        100_000,
        50_000,
        500_000,
    )
    assert scale_named("region").poles == 10
    assert scale_named("region", poles=3).poles == 3
