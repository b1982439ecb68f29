"""`manage.py seed demo`: the Roannais demo has the shape DOMAIN.md describes."""

from io import StringIO
from itertools import pairwise

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, Q
from django.test import RequestFactory, TestCase
from django.urls import reverse

from peps.accounts.models import User
from peps.agenda.demo import seed_agenda_demo
from peps.agenda.models import BourseContribution, Event, PresentationSlot
from peps.core.identifiers import validate_rna, validate_siren, validate_siret
from peps.core.testing.databases import rows_for_a_module
from peps.demo import demo, demo_data
from peps.demo.bulk import DEMO_PASSWORD
from peps.demo.tests.conftest import make_roannais
from peps.directory.models import Representative, Structure
from peps.notifications.models import Notification
from peps.poles.models import College, Membership, MembershipFee, Pole, PoleKind, PoleLegalForm, Role
from peps.projects.models import Comment, Follow, Project, Referral, StageChange, Support, SupportLogEntry
from peps.territory.selectors import communes_in_units

SENT_BY_THE_SEED: list = []  # the e-mails of the seed (each test's outbox starts empty)


@pytest.fixture(scope="module")
def demo_for_the_module(django_db_setup, django_db_blocker):
    """One demo for the whole module (seeding it is the slow part); each test's own writes
    are still undone after it. Tests that need an empty database are in test_seed_refusals."""
    with rows_for_a_module(django_db_blocker):
        make_roannais()
        # What the seed leaves for after its commit (the holder's notifications) is run, as
        # `make run` would see it, though the module's transaction is never committed.
        mail.outbox = []
        with TestCase.captureOnCommitCallbacks(execute=True):
            call_command("seed", "demo", stdout=StringIO())
        SENT_BY_THE_SEED[:] = mail.outbox
        yield Pole.objects.get(slug=demo.POLLENS_SLUG)


@pytest.fixture
def seeded(demo_for_the_module, db):
    return demo_for_the_module


def test_pollens_is_a_labelled_resource_pole_on_the_roanne_arrondissement(seeded):
    assert seeded.is_demo
    assert "(démo)" in seeded.name
    assert seeded.short_name == "POLLENS"
    assert seeded.kind == PoleKind.RESOURCE
    assert seeded.legal_form == PoleLegalForm.ASSOCIATION
    assert seeded.territory_name == "Roannais"
    assert list(seeded.territory_units.values_list("kind", "code")) == [("arrondissement", "422")]
    for mission in ("Fédérer", "Développer", "Accompagner", "Promouvoir"):
        assert mission in seeded.purpose


def test_pollens_board_has_three_colleges_of_6_3_3_seats(seeded):
    colleges = College.objects.filter(pole=seeded).order_by("position")
    assert [(c.name, c.board_seats) for c in colleges] == [
        ("Acteurs de l'ESS", 6),
        ("Réseaux et collectivités", 3),
        ("Société civile", 3),
    ]


def test_pollens_has_forty_member_structures_of_varied_forms_with_fees(seeded):
    members = Membership.objects.filter(pole=seeded, structure__isnull=False)
    assert members.count() >= 40
    assert not members.filter(college__isnull=True).exists()
    forms = set(Structure.objects.filter(pole=seeded).values_list("legal_form", flat=True))
    assert {
        "association",
        "scop",
        "scic",
        "mutuelle",
        "fondation",
        "siae",
        "ea",
        "pme",
        "collectivite",
        "enseignement",
        "reseau",
    } <= forms
    assert Structure.objects.filter(pole=seeded, name="Roannais Agglomération").exists()
    fees = MembershipFee.objects.filter(membership__pole=seeded)
    assert set(fees.values_list("year", flat=True)) == {2025, 2026}
    assert fees.filter(year=2026, paid_on__isnull=True).exists()
    assert fees.filter(year=2026, paid_on__isnull=False).exists()
    # Every structure sits in a commune of the pole's territory.
    territory = set(communes_in_units(seeded.territory_units.all()).values_list("code", flat=True))
    assert set(Structure.objects.filter(pole=seeded).values_list("commune_id", flat=True)) <= territory


def test_demo_identifiers_are_valid_and_contact_visibility_varies(seeded):
    structures = Structure.objects.all()
    for structure in structures:
        if structure.siren:
            validate_siren(structure.siren)
        if structure.siret:
            validate_siret(structure.siret)
            assert structure.siret.startswith(structure.siren)
        if structure.rna:
            validate_rna(structure.rna)
    assert structures.exclude(siren="").count() >= 15
    assert structures.exclude(rna="").count() >= 15
    assert len(set(structures.values_list("email_visibility", flat=True))) == 3
    assert len(set(structures.values_list("phone_visibility", flat=True))) == 3


def test_demo_people_have_roles_and_approved_representatives(seeded):
    roles = Membership.objects.filter(pole=seeded, person__isnull=False).values_list("person__email", "role")
    by_email = dict(roles)
    assert by_email[demo.COORDINATOR_EMAIL] == Role.COORDINATOR
    assert by_email[demo.POLE_ADMIN_EMAIL] == Role.ADMIN
    assert list(by_email.values()).count(Role.BOARD) >= 10
    assert list(by_email.values()).count(Role.MEMBER) >= 8
    assert User.objects.get(email=demo.COORDINATOR_EMAIL).display_name == "Claire Martin"
    assert User.objects.filter(email__endswith="@pollens.demo").count() >= 30
    assert Representative.objects.filter(structure__pole=seeded, status="approved").count() >= 15
    admin = User.objects.get(email=demo.NETWORK_ADMIN_EMAIL)
    assert admin.is_superuser and admin.is_staff


def test_search_text_columns_are_filled(seeded):
    for structure in Structure.objects.prefetch_related("sectors").select_related("commune"):
        stored = structure.search_text
        structure.refresh_search_text([s.name for s in structure.sectors.all()])
        assert stored == structure.search_text != ""
    for project in Project.objects.all():
        stored = project.search_text
        project.refresh_search_text()
        assert stored == project.search_text != ""
    claire = User.objects.get(email=demo.COORDINATOR_EMAIL)
    assert "claire martin" in claire.search_text and "roanne" in claire.search_text


def test_pollens_projects_spread_over_the_pipeline_half_market_half_associative(seeded):
    # The dozen ideas of DOMAIN.md; the capability demos add others (e.g. a retained proposal).
    titles = [row[0] for row in demo_data.POLLENS_PROJECTS]
    projects = Project.objects.filter(pole=seeded, title__in=titles)
    assert projects.count() == 12
    assert projects.values("stage").distinct().count() >= 6
    assert projects.filter(economic_model="market").count() == 6
    assert projects.filter(economic_model="associative").count() == 6
    assert set(projects.values_list("request_kind", flat=True)) == {"information", "relay", "full_support"}
    assert projects.filter(visibility="members").count() == 1
    assert Referral.objects.filter(project__pole=seeded).exists()
    assert SupportLogEntry.objects.filter(project__pole=seeded).count() >= 20
    assert Comment.objects.filter(project__pole=seeded).exists()
    for project in projects:
        history = list(StageChange.objects.filter(project=project).order_by("at", "pk"))
        assert history[0].from_stage == "" and history[0].to_stage == "submitted"
        assert history[-1].to_stage == project.stage
        assert project.stage_changed_at == history[-1].at
        assert all(a.to_stage == b.from_stage for a, b in pairwise(history))


def test_project_counters_match_the_rows(seeded):
    projects = Project.objects.annotate(
        n_supports=Count("supports", distinct=True),
        n_follows=Count("follows", distinct=True),
        n_comments=Count("comments", filter=Q(comments__is_hidden=False), distinct=True),
    )
    for p in projects:
        assert (p.supporters_count, p.followers_count, p.comments_count) == (p.n_supports, p.n_follows, p.n_comments)
    assert Support.objects.exists() and Follow.objects.exists()


def test_museums_network_has_twelve_museums_adhering_to_its_charter(seeded):
    network = Pole.objects.get(slug=demo.PATRIMOINES_SLUG)
    assert network.is_demo and network.kind == PoleKind.NETWORK and network.legal_form == PoleLegalForm.CHARTER
    assert network.charter
    museums = Structure.objects.filter(pole=network, legal_form="musee")
    counts = dict(museums.values_list("museum_status").annotate(n=Count("pk")))
    assert counts == {"musee_de_france": 5, "associatif": 6, "preparation": 1}
    memberships = Membership.objects.filter(pole=network, structure__isnull=False)
    assert memberships.count() >= 15  # twelve museums and their partners
    assert not memberships.filter(charter_accepted_at__isnull=True).exists()


def test_museums_network_territory_crosses_borders_and_skips_missing_communes(seeded):
    network = Pole.objects.get(slug=demo.PATRIMOINES_SLUG)
    units = set(network.territory_units.values_list("kind", "code"))
    # Codes come from the Commune table, looked up by name and département.
    assert units == {("arrondissement", "422"), ("epci", "247100639"), ("commune", "69006")}
    codes = set(communes_in_units(network.territory_units.all()).values_list("code", flat=True))
    assert {"42187", "71275", "69006"} <= codes


def test_coordinator_can_sign_in_with_the_demo_password(seeded, client):
    # django-axes wants the request that authenticates: give it one.
    request = RequestFactory().post(reverse("account_login"))
    assert client.login(request=request, email=demo.COORDINATOR_EMAIL, password=DEMO_PASSWORD)


def test_coordinator_can_sign_in_through_the_login_form(seeded, client):
    response = client.post(reverse("account_login"), {"login": demo.COORDINATOR_EMAIL, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(User.objects.get(email=demo.COORDINATOR_EMAIL).pk)


def test_if_empty_does_nothing_the_second_time(seeded):
    before = (Pole.objects.count(), Structure.objects.count(), User.objects.count(), Project.objects.count())
    out = StringIO()
    call_command("seed", "demo", "--if-empty", stdout=out)
    assert "already" in out.getvalue()
    assert (Pole.objects.count(), Structure.objects.count(), User.objects.count(), Project.objects.count()) == before


def test_seeding_the_demo_twice_without_if_empty_is_refused(seeded):
    with pytest.raises(CommandError):
        call_command("seed", "demo", stdout=StringIO())


# --- What `make run` prints, and what the demo's project holder finds -----------------------


def test_prints_the_demo_logins_and_the_pole_address(seeded):
    out = StringIO()
    call_command("demo_logins", stdout=out)
    text = out.getvalue()
    assert "http://127.0.0.1:8000/p/pollens/" in text
    assert DEMO_PASSWORD in text
    for email in (demo.COORDINATOR_EMAIL, demo.NETWORK_ADMIN_EMAIL, demo.MEMBER_EMAIL, demo.HOLDER_EMAIL):
        assert email in text


def test_the_holder_sees_her_projects_stage_changes_in_the_app_only(seeded, client):
    """The seed writes the stage changes through the projects' service: notifications, no e-mail."""
    holder = User.objects.get(email=demo.HOLDER_EMAIL)
    project = holder.held_projects.get(title__startswith="Restaurant d’insertion")
    moves = StageChange.objects.filter(project=project).exclude(from_stage="").order_by("at")
    notifications = Notification.objects.filter(recipient=holder, kind="projects.stage_changed").order_by("created_at")
    assert [n.url for n in notifications] == [project.get_absolute_url()] * moves.count() and moves.count() >= 2
    assert [n.created_at for n in notifications] == [m.at for m in moves]
    assert [n.read_at is None for n in notifications] == [False] * (moves.count() - 1) + [True]
    assert not [m for m in SENT_BY_THE_SEED if holder.email in m.to]

    client.force_login(holder)
    html = client.get(reverse("notifications:list")).content.decode()
    assert "passe à l’étape" in html and project.title.split(" ")[0] in html


def test_the_agenda_has_its_bourse_whose_advice_lands_in_the_support_logs(seeded):
    """The demo seed runs the agenda demo itself; running it again adds nothing."""
    assert Event.objects.filter(pole=seeded).count() == 5
    assert seed_agenda_demo(seeded).events == 0
    past = Event.objects.get(pole=seeded, title="Bourse aux projets de printemps")
    givers = set(BourseContribution.objects.filter(session__event=past).values_list("given_by__email", flat=True))
    assert len(givers) == 2
    presenting = PresentationSlot.objects.filter(session__event=past).values_list("project", flat=True)
    assert SupportLogEntry.objects.filter(project__in=presenting, bourse_contribution__isnull=False).count() == 6
