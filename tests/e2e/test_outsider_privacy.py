"""Members-only data stays in the pole: a member of another pole gets a 404 for a
members-only project and does not see a structure's members-only phone; a member does."""

from playwright.sync_api import expect

from peps.core.testing import factories as f
from peps.core.visibility import Visibility
from peps.projects.models import ProjectVisibility

PHONE = "04 77 71 00 00"
SECRET_TITLE = "Coopérative d’habitants du quartier Mulsant"
PUBLIC_TITLE = "Jardin partagé des Tuiliers"


def test_outsider_cannot_see_members_only_data_that_a_member_sees(journey_factory, pole, other_pole):
    outsider = f.member_of(other_pole, email="olivier.ailleurs@example.org", display_name="Olivier")
    member = f.member_of(pole, email="marc.membre@example.org", display_name="Marc")
    structure = f.StructureFactory(
        pole=pole, name="Maison de l’ESS", slug="maison-ess", phone=PHONE, phone_visibility=Visibility.MEMBERS
    )
    secret = f.ProjectFactory(pole=pole, title=SECRET_TITLE, visibility=ProjectVisibility.MEMBERS)
    f.ProjectFactory(pole=pole, title=PUBLIC_TITLE)
    project_url = f"/p/{pole.slug}/projets/{secret.pk}/"
    structure_url = f"/p/{pole.slug}/annuaire/{structure.slug}/"

    outside = journey_factory("outsider")
    outside.sign_in(outsider.email)
    page = outside.page
    outside.visit(project_url, status=404)
    expect(page.get_by_role("heading", level=1)).to_have_text("Page introuvable")
    expect(page.get_by_text(SECRET_TITLE)).to_have_count(0)
    outside.visit(f"/p/{pole.slug}/projets/")
    expect(page.get_by_role("link", name=PUBLIC_TITLE)).to_be_visible()
    expect(page.get_by_role("link", name=SECRET_TITLE)).to_have_count(0)
    outside.visit(structure_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Maison de l’ESS")
    expect(page.get_by_role("main")).not_to_contain_text(PHONE)
    expect(page.get_by_role("main")).not_to_contain_text("Téléphone")

    inside = journey_factory("member")
    inside.sign_in(member.email)
    page = inside.page
    inside.visit(f"/p/{pole.slug}/projets/")
    expect(page.get_by_role("link", name=SECRET_TITLE)).to_be_visible()
    with inside.navigation():
        page.get_by_role("link", name=SECRET_TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(SECRET_TITLE)
    expect(page.get_by_role("main")).to_contain_text("Réservé aux membres du pôle")
    inside.visit(structure_url)
    expect(page.get_by_role("link", name=PHONE)).to_be_visible()
