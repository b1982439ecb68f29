"""vote_cast: eligibility (seats, fee rule, structures), the voting window, one vote per voter,
changing a vote, secret ballots, approval and consent; motion_close and the recount."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from peps.core.testing import factories as f
from peps.directory.models import Representative
from peps.governance import services
from peps.governance.eligibility import standing
from peps.governance.models import Ballot, Decision, Participation
from peps.poles.models import Membership

from . import factories as gf


def test_a_seat_holder_votes_and_an_outsider_of_the_body_gets_a_reason(pole, commission, member, chair):
    motion = gf.motion(pole, body_=commission)
    services.vote_cast(motion=motion, by=chair, voter_key=f"p{chair.pk}", choice="yes")
    refused = standing(motion=motion, user=member)
    assert refused.voters == [] and "réservé aux membres" in refused.reasons[0]
    with pytest.raises(ValidationError, match="à ce titre"):
        services.vote_cast(motion=motion, by=member, voter_key=f"p{member.pk}", choice="yes")


def test_the_general_meeting_follows_the_fee_rule(pole, general_meeting):
    paid = gf.paid_member(pole)
    unpaid = gf.paid_member(pole, paid=False)
    last_year_only = f.member_of(pole)
    gf.pay(Membership.objects.get(person=last_year_only), timezone.localdate().year - 1)
    motion = gf.motion(pole, body_=general_meeting)
    assert [v.key for v in standing(motion=motion, user=paid).voters] == [f"p{paid.pk}"]
    for person in (unpaid, last_year_only):
        reasons = standing(motion=motion, user=person).reasons
        assert "n’est pas réglée" in reasons[0]


def test_a_member_structure_has_one_vote_through_its_representatives(pole, general_meeting):
    structure = f.StructureFactory(pole=pole, name="La Coop")
    gf.pay(Membership.objects.create(pole=pole, structure=structure))
    first, second = f.UserFactory(), f.UserFactory()
    for person in (first, second):
        Representative.objects.create(structure=structure, person=person, status="approved")
    motion = gf.motion(pole, body_=general_meeting)
    services.vote_cast(motion=motion, by=first, voter_key=f"s{structure.pk}", choice="yes")
    with pytest.raises(ValidationError, match="déjà enregistré"):
        services.vote_cast(motion=motion, by=second, voter_key=f"s{structure.pk}", choice="no")
    assert Participation.objects.get(motion=motion).cast_by == first


def test_no_vote_before_the_opening_nor_after_the_closing(pole, commission, chair):
    now = timezone.now()
    later = gf.motion(
        pole, body_=commission, opens_at=now + datetime.timedelta(hours=1), closes_at=now + datetime.timedelta(hours=2)
    )
    with pytest.raises(ValidationError, match="pas encore ouvert"):
        services.vote_cast(motion=later, by=chair, voter_key=f"p{chair.pk}", choice="yes")
    over = gf.motion(
        pole,
        body_=commission,
        opens_at=now - datetime.timedelta(hours=2),
        closes_at=now - datetime.timedelta(seconds=1),
    )
    with pytest.raises(ValidationError, match="clos"):
        services.vote_cast(motion=over, by=chair, voter_key=f"p{chair.pk}", choice="yes")
    assert not Participation.objects.exists()


def test_a_vote_can_be_changed_only_when_the_motion_allows_it(pole, commission, chair):
    fixed = gf.motion(pole, body_=commission)
    services.vote_cast(motion=fixed, by=chair, voter_key=f"p{chair.pk}", choice="yes")
    with pytest.raises(ValidationError, match="ne peut plus être modifié"):
        services.vote_cast(motion=fixed, by=chair, voter_key=f"p{chair.pk}", choice="no")
    changeable = gf.motion(pole, body_=commission, allow_change=True)
    services.vote_cast(motion=changeable, by=chair, voter_key=f"p{chair.pk}", choice="yes")
    services.vote_cast(motion=changeable, by=chair, voter_key=f"p{chair.pk}", choice="no")
    assert list(Ballot.objects.filter(motion=changeable).values_list("choice", flat=True)) == ["no"]


def test_a_secret_ballot_cannot_allow_changes(pole, commission):
    with pytest.raises(ValidationError, match="secret"):
        gf.motion(pole, body_=commission, secret=True, allow_change=True)


def test_a_secret_ballot_stores_no_link_between_voter_and_choice(pole, commission, chair):
    motion = gf.motion(pole, body_=commission, secret=True)
    services.vote_cast(motion=motion, by=chair, voter_key=f"p{chair.pk}", choice="no")
    participation = Participation.objects.get(motion=motion)
    assert participation.person == chair
    ballot = Ballot.objects.get(motion=motion)
    assert ballot.person_id is None and ballot.structure_id is None
    # No timestamp and a random key: nothing orders ballots like participations.
    ballot_columns = {field.column for field in Ballot._meta.concrete_fields}
    assert ballot_columns == {"id", "motion_id", "choice", "reason", "person_id", "structure_id"}
    assert len(str(ballot.pk)) == 36


def test_approval_and_results(pole, commission, chair, coordinator):
    other = f.member_of(pole)
    gf.seat(commission, other)
    motion = gf.motion(pole, body_=commission, method="approval", options=["Roanne", "Riorges", "Le Coteau"])
    roanne, riorges, _coteau = motion.options.all()
    services.vote_cast(
        motion=motion, by=chair, voter_key=f"p{chair.pk}", choice="approval", option_ids=[roanne.pk, riorges.pk]
    )
    services.vote_cast(motion=motion, by=other, voter_key=f"p{other.pk}", choice="approval", option_ids=[riorges.pk])
    closed = services.motion_close(motion=motion, by=coordinator)
    assert closed.outcome == "adopted" and closed.tally["winner"] == str(riorges.pk)
    assert "Riorges" in Decision.objects.get(motion=motion).result


def test_consent_records_objections_with_their_reason(pole, commission, chair, coordinator):
    motion = gf.motion(pole, body_=commission, method="consent")
    with pytest.raises(ValidationError, match="se motive"):
        services.vote_cast(motion=motion, by=chair, voter_key=f"p{chair.pk}", choice="object")
    services.vote_cast(motion=motion, by=chair, voter_key=f"p{chair.pk}", choice="object", reason="Trop cher.")
    closed = services.motion_close(motion=motion, by=coordinator)
    assert closed.outcome == "rejected"
    assert Ballot.objects.get(motion=motion).reason == "Trop cher."


def test_closing_counts_quorum_registers_the_decision_and_the_recount_agrees(
    pole, commission, chair, coordinator, capsys
):
    people = [chair] + [f.member_of(pole) for _ in range(3)]
    for person in people[1:]:
        gf.seat(commission, person)
    motion = gf.motion(pole, body_=commission, quorum_kind="percent", quorum_value=75)
    for person, choice in zip(people[:3], ["yes", "yes", "abstain"], strict=True):
        services.vote_cast(motion=motion, by=person, voter_key=f"p{person.pk}", choice=choice)
    with pytest.raises(ValidationError, match="pas encore"):
        services.motion_close(motion=motion)
    closed = services.motion_close(motion=motion, now=motion.closes_at)
    assert (closed.eligible_count, closed.participation_count, closed.quorum_required) == (4, 3, 3)
    assert closed.outcome == "adopted" and closed.tally == {"abstain": 1, "yes": 2}
    decision = Decision.objects.get(motion=motion)
    assert decision.result.startswith("Adoptée : 2 pour, 0 contre, 1 abstention")
    call_command("governance_recount", str(motion.pk))
    assert "agrees" in capsys.readouterr().out


def test_the_recount_detects_a_tampered_result(pole, commission, chair, coordinator):
    from django.core.management.base import CommandError

    motion = gf.motion(pole, body_=commission)
    services.vote_cast(motion=motion, by=chair, voter_key=f"p{chair.pk}", choice="no")
    closed = services.motion_close(motion=motion, by=coordinator)
    Ballot.objects.filter(motion=closed).update(choice="yes")
    with pytest.raises(CommandError, match="DISAGREES"):
        call_command("governance_recount", str(motion.pk))


def test_the_close_command_closes_due_motions_only(pole, commission, chair):
    now = timezone.now()
    due = gf.motion(
        pole, body_=commission, opens_at=now - datetime.timedelta(days=2), closes_at=now - datetime.timedelta(days=1)
    )
    running = gf.motion(pole, body_=commission)
    call_command("governance_close_motions")
    due.refresh_from_db()
    running.refresh_from_db()
    assert (due.status, running.status) == ("closed", "open")
    assert due.outcome == "rejected"
