"""The coordinator seats the board (6 / 3 / 3), the actions commission sends a proposal to
the board, the board votes it yes/no at quorum, and the decision reaches the register with
a link to the minutes."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from peps.core.testing import factories as f
from peps.governance import services
from peps.governance.models import (
    AgendaItem,
    BodyKind,
    Decision,
    Meeting,
    Method,
    Motion,
    Outcome,
    QuorumKind,
    SeatRole,
)

PROPOSAL = "Étude de faisabilité de la ressourcerie"
PROPOSAL_TEXT = "La commission actions propose de financer une étude de faisabilité (8 000 €) pour la ressourcerie."
MEETING = "Conseil d’administration de décembre"
MINUTES = "La proposition de la commission actions est adoptée après un échange sur le budget."


@pytest.fixture(autouse=True)
def _inline_tasks(settings):
    # Notifications of the bodies go through the task queue: run it inline, as PEPS_TESTING=1 does.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def colleges(pole):
    return [
        f.CollegeFactory(pole=pole, name="Structures de l’ESS", board_seats=6, position=1),
        f.CollegeFactory(pole=pole, name="Collectivités et partenaires", board_seats=3, position=2),
        f.CollegeFactory(pole=pole, name="Citoyens", board_seats=3, position=3),
    ]


def select_by_text(select, text: str) -> None:
    """Choose the option whose visible text contains `text` (the meeting's date follows it)."""
    select.select_option(value=select.locator("option", has_text=text).first.get_attribute("value"))


def _members(pole, college, count, prefix):
    return [
        f.member_of(pole, college=college, email=f"{prefix}{n}@example.org", display_name=f"{prefix.title()} {n}")
        for n in range(1, count + 1)
    ]


@pytest.mark.slow
def test_board_is_seated_votes_a_commission_proposal_and_registers_the_decision(
    journey_factory, pole, coordinator, colleges
):
    ess, partners, citizens = colleges
    amelie = f.member_of(pole, college=ess, email="amelie.actions@example.org", display_name="Amélie")
    people = {
        ess: [amelie, *_members(pole, ess, 5, "ess")],
        partners: _members(pole, partners, 3, "collectivite"),
        citizens: _members(pole, citizens, 3, "citoyen"),
    }
    board = services.body_create(pole=pole, kind=BodyKind.BOARD, name="Conseil d’administration")
    actions = services.body_create(pole=pole, kind="commission", name="Commission actions")
    services.body_member_add(body=actions, by=coordinator, person=amelie, role=SeatRole.CHAIR, mandate="volunteer")

    # The coordinator gives one seat per college through the form.
    claire = journey_factory("coordinator")
    page = claire.page
    claire.sign_in(coordinator.email)
    claire.visit(f"/p/{pole.slug}/gouvernance/")
    with claire.navigation():
        page.locator("main").get_by_role("link", name="Conseil d’administration").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Conseil d’administration")
    seat_form = page.locator("main form").filter(has=page.get_by_role("button", name="Attribuer le siège"))

    # A seat for nobody is refused with an accessible message, not a 500.
    seat_form.get_by_label("Collège").select_option(label=ess.name)
    with claire.navigation(status=400):
        seat_form.get_by_role("button", name="Attribuer le siège").click()
    expect(page.locator("main")).to_contain_text("Indiquez soit l’e-mail d’une personne, soit une structure.")

    for college, person in ((ess, amelie), (partners, people[partners][0]), (citizens, people[citizens][0])):
        seat_form = page.locator("main form").filter(has=page.get_by_role("button", name="Attribuer le siège"))
        seat_form.get_by_label("Adresse e-mail de la personne").fill(person.email)
        seat_form.get_by_label("Collège").select_option(label=college.name)
        if person == amelie:
            seat_form.get_by_label("Fonction").select_option(value=SeatRole.CHAIR)
        with claire.navigation():
            seat_form.get_by_role("button", name="Attribuer le siège").click()
        expect(page.locator("main")).to_contain_text("Le siège est attribué.")
    members = page.locator("section").filter(has=page.get_by_role("heading", name="Membres", exact=True))
    expect(members.get_by_role("heading", name=re.compile("Structures de l’ESS"))).to_contain_text(
        "1 siège pourvu sur 6"
    )
    expect(members.get_by_role("heading", name=re.compile("Citoyens"))).to_contain_text("1 siège pourvu sur 3")
    expect(members).to_contain_text("Amélie")

    # The remaining seats are filled by the services; a 13th seat is refused by the form.
    for college, seated in people.items():
        for person in seated[1:]:
            services.body_member_add(body=board, by=coordinator, person=person, college=college)
    extra = f.member_of(pole, college=citizens, email="citoyen.en.trop@example.org", display_name="Victor")
    claire.visit(board.get_absolute_url())
    seat_form = page.locator("main form").filter(has=page.get_by_role("button", name="Attribuer le siège"))
    seat_form.get_by_label("Adresse e-mail de la personne").fill(extra.email)
    seat_form.get_by_label("Collège").select_option(label="Citoyens")
    with claire.navigation(status=400):
        seat_form.get_by_role("button", name="Attribuer le siège").click()
    expect(page.locator("main")).to_contain_text("Les 3 sièges du collège « Citoyens » sont déjà pourvus.")
    assert board.seats.filter(until__isnull=True).count() == 12

    # Amélie, chair of the actions commission, sends the proposal to the board.
    chair = journey_factory("commission-chair")
    chair_page = chair.page
    chair.sign_in(amelie.email)
    chair.visit(actions.get_absolute_url())
    proposal = chair_page.locator("section").filter(
        has=chair_page.get_by_role("heading", name="Saisir le conseil d’administration")
    )
    proposal.get_by_label("Intitulé").fill(PROPOSAL)
    proposal.get_by_label("Exposé").fill(PROPOSAL_TEXT)
    with chair.navigation():
        proposal.get_by_role("button", name="Transmettre la proposition au conseil").click()
    expect(chair_page.locator("main")).to_contain_text("La proposition est transmise au conseil d’administration.")

    # The coordinator plans a board meeting and puts the proposal on its agenda.
    claire.visit(board.get_absolute_url())
    pending = page.locator("section").filter(has=page.get_by_role("heading", name=re.compile("Propositions reçues")))
    expect(pending).to_contain_text(PROPOSAL)
    expect(pending).to_contain_text("Proposé par : Commission actions")
    with claire.navigation():
        page.get_by_role("link", name="Programmer une réunion").click()
    meeting_form = page.locator("main form")
    meeting_form.get_by_label("Intitulé").fill(MEETING)
    starts = timezone.localtime() + datetime.timedelta(hours=1)
    meeting_form.get_by_label("Date et heure").fill(starts.strftime("%Y-%m-%dT%H:%M"))
    meeting_form.get_by_label("Lieu").fill("Maison de l’ESS, Roanne")
    with claire.navigation():
        meeting_form.get_by_role("button").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(MEETING)

    # Scheduling the proposal and choosing the meeting in the vote form are refused by the
    # forms (sliced querysets, see test_the_board_schedules_a_proposal_and_votes_it_at_its_meeting):
    # the journey does these two steps with the services, as the demo does.
    item = AgendaItem.objects.get(body=board, title=PROPOSAL)
    meeting = Meeting.objects.get(body=board, title=MEETING)
    services.agenda_item_schedule(item=item, meeting=meeting, by=coordinator)
    claire.visit(meeting.get_absolute_url())
    agenda = page.locator("section").filter(has=page.get_by_role("heading", name="Ordre du jour"))
    expect(agenda).to_contain_text("Proposé par : Commission actions")
    with claire.navigation():
        agenda.get_by_role("link", name=f"Soumettre « {PROPOSAL} » au vote").click()
    motion_form = page.locator("main form")
    expect(motion_form.get_by_label("Intitulé")).to_have_value(PROPOSAL)
    motion_form.get_by_label("Mode de scrutin").select_option(label="Pour / contre / abstention")
    motion_form.get_by_label(re.compile(r"^Quorum")).select_option(label="Pourcentage des votants inscrits")
    motion_form.get_by_label("Valeur du quorum").fill("")
    motion_form.get_by_label("Réunion").select_option(index=0)
    with claire.navigation():
        motion_form.get_by_role("button", name="Créer le vote").click()
    expect(page.locator("main")).to_contain_text("Un pourcentage est compris entre 1 et 100.")
    assert not Motion.objects.exists()
    now = timezone.now()
    motion = services.motion_create(
        pole=pole,
        by=coordinator,
        body=board,
        meeting=meeting,
        agenda_item=item,
        title=PROPOSAL,
        text=PROPOSAL_TEXT,
        method=Method.YES_NO,
        quorum_kind=QuorumKind.PERCENT,
        quorum_value=50,
        opens_at=now - datetime.timedelta(minutes=1),
        closes_at=now + datetime.timedelta(days=7),
    )

    # Five board members vote through the services, Amélie in her browser: 6 of 12, the quorum.
    for person, choice in zip(
        people[ess][1:4] + people[partners][1:3], ["yes", "yes", "yes", "no", "abstain"], strict=True
    ):
        services.vote_cast(motion=motion, by=person, voter_key=f"p{person.pk}", choice=choice)
    chair.visit(motion.get_absolute_url())
    vote = chair_page.locator("#vote-box")
    vote.get_by_label("Pour", exact=True).check()
    vote.get_by_role("button", name="Voter").click()
    expect(chair_page.locator("#vote-box").get_by_role("status")).to_contain_text("Votre vote est enregistré")
    chair.check_a11y()
    assert motion.participations.count() == 6

    # The coordinator closes the vote: adopted, and registered.
    claire.visit(motion.get_absolute_url())
    with claire.navigation():
        page.get_by_role("button", name="Clore le vote maintenant et publier le résultat").click()
    result = page.locator("section").filter(has=page.get_by_role("heading", name="Résultat"))
    expect(result).to_contain_text("Adoptée")
    expect(result).to_contain_text("6 sur 12 inscrits")
    motion.refresh_from_db()
    assert motion.outcome == Outcome.ADOPTED
    decision = Decision.objects.get(motion=motion)

    # The minutes are written and published, then found from the register.
    claire.visit(motion.meeting.get_absolute_url())
    with claire.navigation():
        page.get_by_role("link", name="Rédiger le compte rendu").click()
    page.get_by_role("textbox", name="Compte rendu").fill(MINUTES)
    page.get_by_label("Publier le compte rendu").check()
    with claire.navigation():
        page.get_by_role("button", name="Enregistrer le compte rendu").click()
    expect(page.locator("main")).to_contain_text("Le compte rendu est enregistré.")

    claire.visit(motion.get_absolute_url())
    with claire.navigation():
        page.get_by_role("link", name="Voir la décision dans le registre").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Registre des décisions")
    row = page.locator(f"tr#decision-{decision.number}")
    expect(row).to_contain_text(PROPOSAL)
    expect(row).to_contain_text("Conseil d’administration")
    with claire.navigation():
        row.get_by_role("link", name=f"Compte rendu : {MEETING}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(MEETING)
    minutes = page.locator("section").filter(has=page.get_by_role("heading", name="Compte rendu"))
    expect(minutes).to_contain_text(MINUTES)
    decisions = page.locator("section").filter(has=page.get_by_role("heading", name="Décisions"))
    expect(decisions).to_contain_text(decision.number)

    # A board member who is not a manager finds the same register and minutes.
    reader = journey_factory("board-member")
    reader.sign_in(people[citizens][2].email)
    reader.visit(f"/p/{pole.slug}/gouvernance/decisions/")
    reader_row = reader.page.locator(f"tr#decision-{decision.number}")
    expect(reader_row).to_contain_text(PROPOSAL)
    with reader.navigation():
        reader_row.get_by_role("link", name=f"Compte rendu : {MEETING}").click()
    expect(reader.page.locator("main")).to_contain_text(MINUTES)


def test_the_board_schedules_a_proposal_and_votes_it_at_its_meeting(journey, pole, coordinator, colleges):
    board = services.body_create(pole=pole, kind=BodyKind.BOARD, name="Conseil d’administration")
    actions = services.body_create(pole=pole, kind="commission", name="Commission actions")
    services.proposal_send_to_board(commission=actions, by=coordinator, title=PROPOSAL, text=PROPOSAL_TEXT)
    services.meeting_create(body=board, by=coordinator, title=MEETING, starts_at=timezone.now())
    page = journey.page
    journey.sign_in(coordinator.email)
    journey.visit(board.get_absolute_url())
    pending = page.locator("section").filter(has=page.get_by_role("heading", name=re.compile("Propositions reçues")))
    select_by_text(pending.get_by_label(f"Réunion où inscrire « {PROPOSAL} »"), MEETING)
    with journey.navigation():
        pending.get_by_role("button", name="Inscrire à l’ordre du jour").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(MEETING)
    agenda = page.locator("section").filter(has=page.get_by_role("heading", name="Ordre du jour"))
    with journey.navigation():
        agenda.get_by_role("link", name=f"Soumettre « {PROPOSAL} » au vote").click()
    motion_form = page.locator("main form")
    motion_form.get_by_label(re.compile(r"^Quorum")).select_option(label="Pourcentage des votants inscrits")
    motion_form.get_by_label("Valeur du quorum").fill("50")
    select_by_text(motion_form.get_by_label("Réunion"), MEETING)
    with journey.navigation():
        motion_form.get_by_role("button", name="Créer le vote").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PROPOSAL)
    assert Motion.objects.get(title=PROPOSAL).meeting.title == MEETING
