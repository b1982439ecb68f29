"""scoring: weighted review score out of 100, mean over complete non-conflicted reviews, ranking."""

from decimal import Decimal

from peps.calls.scoring import CriterionSpec, Review, application_result, rank, review_score

CRITERIA = [CriterionSpec(id=1, weight=3, max_score=5), CriterionSpec(id=2, weight=1, max_score=10)]


def test_review_score_weights_each_criterion_as_a_share_of_its_maximum():
    # (3 × 4/5 + 1 × 5/10) / 4 × 100 = (2.4 + 0.5) / 4 × 100 = 72.5
    assert review_score(CRITERIA, {1: 4, 2: 5}) == Decimal("72.50")


def test_full_marks_give_100_and_zero_gives_0():
    assert review_score(CRITERIA, {1: 5, 2: 10}) == Decimal("100.00")
    assert review_score(CRITERIA, {1: 0, 2: 0}) == Decimal("0.00")


def test_an_incomplete_review_has_no_score():
    assert review_score(CRITERIA, {1: 4}) is None
    assert review_score([], {}) is None


def test_rounding_is_half_up_to_two_decimals():
    criteria = [CriterionSpec(id=1, weight=1, max_score=3)]
    assert review_score(criteria, {1: 1}) == Decimal("33.33")
    assert review_score(criteria, {1: 2}) == Decimal("66.67")


def test_mean_excludes_conflicts_and_flags_incomplete_reviews():
    result = application_result(
        "A",
        CRITERIA,
        [
            Review(reviewer_id=1, scores={1: 5, 2: 10}),  # 100
            Review(reviewer_id=2, scores={1: 3, 2: 2}),  # (1.8 + 0.2) / 4 = 50
            Review(reviewer_id=3, scores={1: 0, 2: 0}, conflict=True),  # excluded
            Review(reviewer_id=4, scores={1: 2}),  # incomplete
        ],
    )
    assert result.mean == Decimal("75.00")
    assert (result.complete_reviews, result.incomplete_reviews, result.conflicts) == (2, 1, 1)
    assert result.needs_attention
    assert result.per_criterion == {1: Decimal("4.00"), 2: Decimal("6.00")}


def test_without_a_complete_review_there_is_no_mean():
    result = application_result("A", CRITERIA, [Review(reviewer_id=1, scores={}, conflict=True)])
    assert result.mean is None and result.needs_attention


def test_rank_puts_best_first_shares_ties_and_leaves_unscored_last():
    results = [
        application_result("low", CRITERIA, [Review(1, {1: 1, 2: 1})]),
        application_result("none", CRITERIA, []),
        application_result("top", CRITERIA, [Review(1, {1: 5, 2: 10})]),
        application_result("tie-a", CRITERIA, [Review(1, {1: 4, 2: 5})]),
        application_result("tie-b", CRITERIA, [Review(1, {1: 4, 2: 5})]),
    ]
    ranked = rank(results)
    assert [(r.key, r.rank) for r in ranked] == [("top", 1), ("tie-a", 2), ("tie-b", 2), ("low", 4), ("none", None)]
