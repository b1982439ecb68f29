"""Counting rules, as pure functions so that closing and recounting cannot disagree.

The rules (shown on every motion page, see templates/governance/_rules.html):
- quorum: every participation counts, abstentions and proxies included; a percentage is
  rounded up (25 % of 10 voters = 3);
- yes / no / abstain: abstentions count for the quorum but not in the majority base;
  the base is yes + no ("suffrages exprimés") and must not be empty;
  simple majority: more yes than no (a tie is rejected);
  absolute majority: more yes than half of the registered voters (eligible_count);
  two-thirds: yes ≥ two thirds of yes + no (exactly two thirds is adopted);
- approval: the option approved by the most voters wins; a tie at the top is a tie;
- consent: adopted unless at least one objection.
"""

import math
from dataclasses import dataclass

from .models import Majority, Method, Outcome, QuorumKind


@dataclass
class Result:
    tally: dict
    participation_count: int
    quorum_required: int
    outcome: str

    @property
    def quorum_reached(self) -> bool:
        return self.participation_count >= self.quorum_required


def quorum_required(*, kind: str, value: int, eligible_count: int) -> int:
    if kind == QuorumKind.COUNT:
        return value
    if kind == QuorumKind.PERCENT:
        return math.ceil(eligible_count * value / 100)
    return 0


def yes_no_adopted(*, yes: int, no: int, majority: str, eligible_count: int) -> bool:
    if yes + no == 0:
        return False
    if majority == Majority.TWO_THIRDS:
        return 3 * yes >= 2 * (yes + no)
    if majority == Majority.ABSOLUTE:
        return 2 * yes > eligible_count
    return yes > no


def count(
    *,
    method: str,
    majority: str,
    quorum_kind: str,
    quorum_value: int,
    eligible_count: int,
    participation_count: int,
    choices: dict[str, int],
    approvals: dict[str, int] | None = None,
) -> Result:
    """`choices` maps a Choice to its number of ballots; `approvals` maps an option id (as a
    string, for JSON) to its number of approvals."""
    required = quorum_required(kind=quorum_kind, value=quorum_value, eligible_count=eligible_count)
    tally: dict = {key: value for key, value in sorted(choices.items()) if value}
    if method == Method.APPROVAL:
        tally["options"] = dict(sorted((approvals or {}).items()))
    if participation_count < required:
        return Result(tally, participation_count, required, Outcome.NO_QUORUM)
    if method == Method.YES_NO:
        adopted = yes_no_adopted(
            yes=choices.get("yes", 0), no=choices.get("no", 0), majority=majority, eligible_count=eligible_count
        )
        outcome = Outcome.ADOPTED if adopted else Outcome.REJECTED
    elif method == Method.CONSENT:
        adopted = participation_count > 0 and choices.get("object", 0) == 0
        outcome = Outcome.ADOPTED if adopted else Outcome.REJECTED
    else:
        counts = tally["options"]
        best = max(counts.values(), default=0)
        winners = sorted(key for key, value in counts.items() if value == best)
        if best == 0:
            outcome = Outcome.REJECTED
        elif len(winners) > 1:
            outcome = Outcome.TIE
        else:
            outcome = Outcome.ADOPTED
            tally["winner"] = winners[0]
    return Result(tally, participation_count, required, outcome)
