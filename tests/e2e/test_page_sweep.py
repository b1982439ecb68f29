"""Every main page of a pole, for a visitor and for a coordinator, passes axe-core; so do
the forms shown back with their validation errors."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from peps.core.testing import factories as f
from peps.directory.models import LegalForm, Representative, RepresentativeStatus
from peps.poles.models import Membership, TerritoryUnit
from peps.projects.models import LogEntryKind, StageChange, SupportLogEntry
from peps.projects.stages import Stage


@pytest.fixture
def pole_with_content(pole, coordinator, commune):
    pole.charter = "Nous coopérons pour le territoire."
    pole.save(update_fields=["charter"])
    TerritoryUnit.objects.create(pole=pole, kind="commune", code=commune.code, label="Roanne")
    college = f.CollegeFactory(pole=pole, name="Acteurs de l’ESS", board_seats=6)
    person = f.member_of(pole, college=college, email="lea.membre@example.org", display_name="Léa", skills="Compta")
    structure = f.StructureFactory(
        pole=pole,
        name="Épicerie solidaire",
        slug="epicerie",
        commune=commune,
        legal_form=LegalForm.SCIC,
        phone="04 77 00 00 00",
        email="contact@epicerie.example.org",
        description="**Vente** de produits locaux.",
    )
    Membership.objects.create(pole=pole, structure=structure, college=college, joined_on=timezone.localdate())
    Representative.objects.create(structure=structure, person=person, status=RepresentativeStatus.APPROVED)
    project = f.ProjectFactory(
        pole=pole,
        title="Recyclerie du Coteau",
        holder=person,
        holder_structure=structure,
        commune=commune,
        stage=Stage.STRUCTURING,
        description="Un lieu de *réemploi*.",
    )
    StageChange.objects.create(project=project, from_stage=Stage.SUBMITTED, to_stage=Stage.STRUCTURING, by=coordinator)
    SupportLogEntry.objects.create(
        project=project, author=coordinator, kind=LogEntryKind.MEETING, happened_on=timezone.localdate(), text="RDV"
    )
    for n in range(3):
        f.ProjectFactory(pole=pole, title=f"Idée {n}", stage=Stage.SUBMITTED)
    return {"person": person, "structure": structure, "project": project, "college": college}


def public_pages(pole, data):
    p = f"/p/{pole.slug}"
    return [
        "/",
        f"{p}/",
        f"{p}/territoire/",
        f"{p}/charte/",
        f"{p}/annuaire/",
        f"{p}/annuaire/?legal_form=scic",
        f"{p}/annuaire/personnes/",
        f"{p}/annuaire/{data['structure'].slug}/",
        f"{p}/projets/",
        f"{p}/projets/?stage=structuring",
        f"{p}/projets/{data['project'].pk}/",
        "/accessibilite/",
        "/confidentialite/",
    ]


@pytest.mark.slow
def test_public_pages_are_accessible(journey, pole_with_content, pole):
    for path in [
        *public_pages(pole, pole_with_content),
        "/compte/login/",
        "/compte/signup/",
        "/compte/password/reset/",
    ]:
        journey.visit(path)
        expect(journey.page.get_by_role("heading", level=1)).to_have_count(1)


def test_public_pages_reflow_on_a_narrow_screen(journey, pole_with_content, pole):
    """WCAG 1.4.10: a phone 320 CSS pixels wide needs no horizontal scrolling (tables apart)."""
    journey.page.set_viewport_size({"width": 320, "height": 800})
    failures = []
    for path in public_pages(pole, pole_with_content):
        journey.goto(path)
        try:
            journey.check_reflow()
        except AssertionError as failure:
            failures.append(str(failure).splitlines()[0])
    assert not failures, "\n".join(failures)


@pytest.mark.slow
def test_pole_administrator_pages_are_accessible(journey, pole_with_content, pole):
    """An administrator of the pole sees every management page (and the coordinators' forms)."""
    data = pole_with_content
    p = f"/p/{pole.slug}"
    membership = Membership.objects.get(pole=pole, person=data["person"])
    admin = f.member_of(pole, role="admin", email="alice.admin@example.org", display_name="Alice")
    journey.sign_in(admin.email)
    for path in [
        f"{p}/",
        f"{p}/annuaire/{data['structure'].slug}/",
        f"{p}/projets/",
        f"{p}/projets/{data['project'].pk}/",
        f"{p}/annuaire/personnes/{data['person'].pk}/",
        f"{p}/annuaire/{data['structure'].slug}/modifier/",
        f"{p}/annuaire/nouvelle/",
        f"{p}/annuaire/demandes/",
        f"{p}/projets/suivi/",
        f"{p}/projets/{data['project'].pk}/modifier/",
        f"{p}/projets/proposer/",
        f"{p}/adhesions/",
        f"{p}/adhesions/ajouter/",
        f"{p}/adhesions/{membership.pk}/",
        f"{p}/colleges/",
        f"{p}/colleges/{data['college'].pk}/",
        f"{p}/reglages/",
        f"{p}/territoire/modifier/",
        "/profil/",
        "/profil/modifier/",
        "/compte/email/",
        "/compte/password/change/",
    ]:
        journey.visit(path)
        expect(journey.page.get_by_role("heading", level=1)).to_have_count(1)


@pytest.mark.parametrize(
    "path",
    ["/annuaire/nouvelle/", "/projets/proposer/", "/adhesions/ajouter/", "/colleges/"],
)
def test_forms_shown_back_with_errors_are_accessible(journey, pole_with_content, pole, path):
    """Submitting an empty form shows the error summary and the field errors, accessibly."""
    admin = f.member_of(pole, role="admin", email="alice.admin@example.org", display_name="Alice")
    journey.sign_in(admin.email)
    journey.visit(f"/p/{pole.slug}{path}")
    page = journey.page
    form = page.locator("main form[method=post]").filter(has=page.locator("button[type=submit]")).last
    for text_input in form.locator("input[type=text], input:not([type]), textarea").all():
        text_input.fill("")
    with journey.navigation():
        form.locator("button[type=submit]").last.click()
    expect(page.get_by_role("alert").first).to_be_visible()
    expect(page.locator(".error").first).to_be_visible()


def test_signed_out_error_pages_of_a_sign_in_are_accessible(journey, coordinator):
    journey.visit("/compte/login/")
    page = journey.page
    form = page.locator("main form")
    form.get_by_label(re.compile(r"^(Courriel|Adresse e-mail|E-mail)", re.I)).fill(coordinator.email)
    form.get_by_label(re.compile(r"^Mot de passe", re.I)).fill("pas-le-bon-mot-de-passe")
    with journey.navigation():
        form.get_by_role("button", name=re.compile("Connexion|Se connecter", re.I)).click()
    expect(page.get_by_role("link", name="Se déconnecter")).to_have_count(0)
    expect(page.get_by_role("main")).to_contain_text(re.compile("incorrect|ne correspond", re.I))
