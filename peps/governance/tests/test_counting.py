"""counting.count: majority rules and quorum, at their edges (see the rules in counting.py)."""

import pytest

from peps.governance.counting import count, quorum_required


def yes_no(yes, no, abstain=0, *, majority="simple", quorum_kind="none", quorum_value=0, eligible=100):
    return count(
        method="yes_no",
        majority=majority,
        quorum_kind=quorum_kind,
        quorum_value=quorum_value,
        eligible_count=eligible,
        participation_count=yes + no + abstain,
        choices={"yes": yes, "no": no, "abstain": abstain},
    ).outcome


def test_simple_majority_adopts_with_more_yes_than_no():
    assert yes_no(3, 2) == "adopted"


def test_a_tie_is_rejected():
    assert yes_no(2, 2) == "rejected"


def test_abstentions_are_not_in_the_majority_base():
    assert yes_no(2, 1, 10) == "adopted"
    assert yes_no(2, 2, 1) == "rejected"


def test_exactly_two_thirds_is_adopted():
    assert yes_no(2, 1, majority="two_thirds") == "adopted"
    assert yes_no(6, 3, 5, majority="two_thirds") == "adopted"


def test_just_under_two_thirds_is_rejected():
    assert yes_no(65, 34, majority="two_thirds") == "rejected"  # 65.7 %


def test_absolute_majority_counts_half_of_the_registered_voters():
    assert yes_no(6, 0, eligible=12, majority="absolute") == "rejected"
    assert yes_no(7, 0, eligible=12, majority="absolute") == "adopted"


def test_nobody_voting_for_or_against_is_not_an_adoption():
    assert yes_no(0, 0, 5) == "rejected"
    assert yes_no(0, 0, 5, majority="two_thirds") == "rejected"


def test_abstentions_count_for_the_quorum():
    assert yes_no(1, 0, 2, quorum_kind="count", quorum_value=3) == "adopted"
    assert yes_no(1, 0, 1, quorum_kind="count", quorum_value=3) == "no_quorum"


@pytest.mark.parametrize(("eligible", "percent", "required"), [(10, 25, 3), (12, 50, 6), (7, 50, 4), (0, 50, 0)])
def test_a_percentage_quorum_rounds_up(eligible, percent, required):
    assert quorum_required(kind="percent", value=percent, eligible_count=eligible) == required


def test_quorum_exactly_reached_is_enough():
    assert yes_no(3, 3, 0, quorum_kind="percent", quorum_value=50, eligible=12, majority="simple") == "rejected"
    assert yes_no(4, 2, 0, quorum_kind="percent", quorum_value=50, eligible=12) == "adopted"


def approval(counts, participation=3):
    return count(
        method="approval",
        majority="simple",
        quorum_kind="none",
        quorum_value=0,
        eligible_count=10,
        participation_count=participation,
        choices={"approval": participation},
        approvals=counts,
    )


def test_approval_picks_the_most_approved_option():
    result = approval({"1": 2, "2": 3})
    assert (result.outcome, result.tally["winner"]) == ("adopted", "2")


def test_approval_tie_at_the_top_is_a_tie():
    assert approval({"1": 2, "2": 2}).outcome == "tie"


def consent(objections, consents):
    return count(
        method="consent",
        majority="simple",
        quorum_kind="none",
        quorum_value=0,
        eligible_count=10,
        participation_count=objections + consents,
        choices={"consent": consents, "object": objections},
    ).outcome


def test_consent_is_adopted_without_objection_and_rejected_with_one():
    assert consent(0, 5) == "adopted"
    assert consent(1, 9) == "rejected"
