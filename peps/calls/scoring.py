"""The committee's arithmetic, as plain functions on plain data (no database): a review's
weighted score out of 100, an application's mean over its complete, non-conflicted reviews,
and the ranking of applications."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True)
class CriterionSpec:
    id: int
    weight: int
    max_score: int


@dataclass(frozen=True)
class Review:
    reviewer_id: int
    scores: dict[int, int]  # criterion id → score
    conflict: bool = False


@dataclass
class Result:
    key: object
    mean: Decimal | None  # out of 100; None when no complete review
    complete_reviews: int
    incomplete_reviews: int
    conflicts: int
    rank: int | None = None
    per_criterion: dict[int, Decimal] = field(default_factory=dict)

    @property
    def needs_attention(self) -> bool:
        """Flag for the administrator: a review is missing or unfinished."""
        return self.incomplete_reviews > 0 or self.complete_reviews == 0


HUNDRED = Decimal(100)
CENT = Decimal("0.01")


def _round(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def review_score(criteria: list[CriterionSpec], scores: dict[int, int]) -> Decimal | None:
    """Weighted score out of 100: each criterion's score as a share of its maximum, weighted.
    None when a criterion is not scored yet (an incomplete review counts for nothing)."""
    if not criteria or any(c.id not in scores for c in criteria):
        return None
    total_weight = sum(c.weight for c in criteria)
    weighted = sum(Decimal(c.weight) * Decimal(scores[c.id]) / Decimal(c.max_score) for c in criteria)
    return _round(weighted / Decimal(total_weight) * HUNDRED)


def application_result(key, criteria: list[CriterionSpec], reviews: list[Review]) -> Result:
    """Mean of the complete reviews of reviewers without a conflict of interest."""
    counted = [r for r in reviews if not r.conflict]
    scored = [(r, review_score(criteria, r.scores)) for r in counted]
    complete = [(r, s) for r, s in scored if s is not None]
    mean = _round(sum(s for _, s in complete) / len(complete)) if complete else None
    per_criterion = {}
    if complete:
        for c in criteria:
            per_criterion[c.id] = _round(Decimal(sum(r.scores[c.id] for r, _ in complete)) / len(complete))
    return Result(
        key=key,
        mean=mean,
        complete_reviews=len(complete),
        incomplete_reviews=len(scored) - len(complete),
        conflicts=len(reviews) - len(counted),
        per_criterion=per_criterion,
    )


def rank(results: list[Result]) -> list[Result]:
    """Best mean first; equal means share a rank (1, 2, 2, 4); unscored last, without a rank.
    Ties keep the input order, so callers pass a stable order (e.g. by reference)."""
    scored = sorted((r for r in results if r.mean is not None), key=lambda r: r.mean, reverse=True)
    previous = None
    for position, result in enumerate(scored, start=1):
        result.rank = previous.rank if previous is not None and previous.mean == result.mean else position
        previous = result
    unscored = [r for r in results if r.mean is None]
    for result in unscored:
        result.rank = None
    return scored + unscored
