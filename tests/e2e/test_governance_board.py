"""Governance a real board and a charter network can use: a board member gives a proxy by
searching the holder's name, the holder votes twice and everyone sees participation and
quorum so far; a member whose fee is unpaid reads why and tells the coordination it is
paid; a member joins an open commission; the museums network says « Adhérer à la charte »."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from peps.core.testing import factories as f
from peps.governance import services
from peps.governance.models import BodyKind, BodyMember, Participation, Proxy, QuorumKind
from peps.governance.tests import factories as gf
from peps.notifications.models import Notification
from peps.poles.models import PoleLegalForm

MOTION = "Budget 2027 de la ressourcerie"


@pytest.fixture(autouse=True)
def _inline_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def test_a_board_member_gives_a_proxy_and_the_board_sees_participation(journey_factory, pole):
    coordinator = f.member_of(pole, role="coordinator", email="claire@example.org", display_name="Claire")
    board = services.body_create(
        pole=pole, kind=BodyKind.BOARD, name="Conseil d’administration", visibility="members", allows_proxies=True
    )
    alice = f.member_of(pole, email="alice@example.org", display_name="Alice Martin")
    bruno = f.member_of(pole, email="bruno@example.org", display_name="Bruno Vial")
    for person in (
        alice,
        bruno,
        f.member_of(pole, display_name="Carole Sage"),
        f.member_of(pole, display_name="Bruna Test"),
    ):
        gf.seat(board, person)
    now = timezone.now()
    motion = services.motion_create(
        pole=pole,
        by=coordinator,
        body=board,
        title=MOTION,
        text="Le conseil adopte le budget.",
        quorum_kind=QuorumKind.COUNT,
        quorum_value=2,
        secret=True,
        opens_at=now - datetime.timedelta(hours=1),
        closes_at=now + datetime.timedelta(days=2),
    )

    journey = journey_factory("alice")
    page = journey.page
    journey.sign_in(alice.email)
    journey.visit(board.get_absolute_url())
    # Alice looks Bruno up by name: the search answers with eligible board members only.
    search = page.get_by_label("Personne qui votera pour vous")
    expect(page.locator("main select[name=holder]")).to_have_count(0)
    search.fill("Vial")
    expect(page.locator("#holder-results")).to_contain_text("Bruno Vial")
    expect(page.locator("#holder-results")).not_to_contain_text("Bruna Test")
    page.locator("#holder-results").get_by_label("Bruno Vial").check()
    journey.check_a11y()
    with journey.navigation():
        page.get_by_role("button", name="Donner pouvoir").click()
    expect(page.locator("main")).to_contain_text("Votre pouvoir est donné à Bruno Vial")
    assert Proxy.objects.get(body=board, revoked_at=None).holder == bruno

    # Bruno votes for himself and for Alice; the page shows participation, never the result.
    holder = journey_factory("bruno")
    other = holder.page
    holder.sign_in(bruno.email)
    holder.visit(motion.get_absolute_url())
    expect(other.locator("main")).to_contain_text("0 votants sur 4 inscrits")
    expect(other.locator("main")).to_contain_text("Quorum pas encore atteint")
    # The vote box is swapped in place by htmx: the first vote leaves the proxy's to cast.
    box = other.locator("#vote-box")
    box.get_by_label("En votre nom").check()
    box.get_by_label("Pour", exact=True).check()
    box.get_by_role("button", name="Voter").click()
    expect(box).to_contain_text("Votre vote est enregistré")
    box = other.locator("#vote-box")
    proxy_choice = box.get_by_label("Par pouvoir, pour Alice Martin")
    if proxy_choice.count():
        proxy_choice.check()
    box.get_by_label("Pour", exact=True).check()
    box.get_by_role("button", name="Voter").click()
    expect(box).to_contain_text("Par pouvoir, pour Alice Martin")
    holder.check_a11y()
    assert Participation.objects.filter(motion=motion).count() == 2
    holder.visit(motion.get_absolute_url())
    expect(other.locator("main")).to_contain_text("2 votants sur 4 inscrits")
    expect(other.locator("main")).to_contain_text("Quorum atteint")
    expect(other.locator("main")).to_contain_text("Le résultat n’est connu qu’à la clôture")


def test_an_unpaid_member_pays_joins_a_commission_and_a_charter_network_says_adherer(journey_factory, pole):
    year = timezone.localdate().year
    coordinator = f.member_of(pole, role="coordinator", email="claire@example.org", display_name="Claire")
    pole.fee_amount, pole.fee_how_to_pay = Decimal("30"), "Par chèque à l’ordre de POLLENS."
    pole.save()
    general = services.body_create(pole=pole, kind=BodyKind.GENERAL_MEETING, name="Assemblée générale")
    commission = services.body_create(
        pole=pole, kind=BodyKind.COMMISSION, name="Commission actions", visibility="public"
    )
    marc = gf.paid_member(pole, paid=False, email="marc@example.org", display_name="Marc")
    motion = gf.motion(pole, body_=general, by=coordinator, title="Rapport d’activité")

    journey = journey_factory("marc")
    page = journey.page
    journey.sign_in(marc.email)
    journey.visit(motion.get_absolute_url())
    expect(page.locator("main")).to_contain_text(f"Votre cotisation {year} n’est pas réglée")
    with journey.navigation():
        page.get_by_role("link", name="Régler ma cotisation ou poser une question").click()
    expect(page.locator("main")).to_contain_text(f"Votre cotisation {year} n’est pas réglée.")
    expect(page.locator("main")).to_contain_text("Par chèque à l’ordre de POLLENS.")
    page.get_by_label("Comment et quand (facultatif)").fill("chèque remis le 3 mars")
    with journey.navigation():
        page.get_by_role("button", name="J’ai réglé : prévenir la coordination").click()
    expect(page.locator("main")).to_contain_text("la coordination est prévenue")
    assert Notification.objects.filter(recipient=coordinator, kind="poles.fee_declared").exists()

    journey.visit(commission.get_absolute_url())
    with journey.navigation():
        page.get_by_role("button", name="Rejoindre la commission").click()
    expect(page.locator("main")).to_contain_text("Vous avez rejoint la commission")
    assert BodyMember.objects.filter(body=commission, person=marc).exists()

    museums = f.PoleFactory(
        slug="patrimoines", name="Réseau des patrimoines", legal_form=PoleLegalForm.CHARTER, charter="La charte."
    )
    f.CollegeFactory(pole=museums, name="Musées", board_seats=0)
    visitor = journey_factory("visitor")
    visitor.visit(f"/p/{museums.slug}/")
    expect(visitor.page.get_by_role("link", name="Adhérer à la charte")).to_be_visible()
    expect(visitor.page.locator("main")).not_to_contain_text("siège")
