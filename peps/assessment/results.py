"""The maths of a campaign's results, as plain functions of plain data, so that the same
stored answers always give the same figures (selectors feed them from the database).

Quartiles use the « inclusive » method (linear interpolation between ranks, as
QUARTILE.INC in spreadsheets and numpy's default), so a network can check them by hand.
"""

import statistics
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _

NO_THEME = ""


@dataclass(frozen=True)
class Indicator:
    """A leaf of the referential tree, the level that poles answer."""

    pk: int
    code: str
    label: str
    theme: str
    objective: str  # code of its parent (a principal objective)
    position: int
    # The network has not published its label yet: `label` then names its objective.
    to_complete: bool = False


@dataclass(frozen=True)
class Objective:
    code: str
    label: str
    group: str  # code of its own parent (a general objective), "" at the top


def tree_levels(
    items: Iterable, *, parents: set | None = None, labels: Mapping[int, str] | None = None
) -> tuple[list[Objective], list[Indicator]]:
    """Split a version's items into the objectives (parents of the deepest items) and the
    indicators (the deepest items), both in the tree's order. `parents`: the ids of the items
    that have children; `labels`: each item's honest_label by id (both found here when not
    given)."""
    items = sorted(items, key=lambda item: (item.position, item.pk))
    if not items:
        return [], []
    by_pk = {item.pk: item for item in items}
    if parents is None:
        parents = parent_ids(items)
    if labels is None:
        labels = {item.pk: honest_label(item, by_pk, parents=parents) for item in items}
    deepest = max(item.depth for item in items)
    leaves = [item for item in items if item.depth == deepest]
    indicators = [
        Indicator(
            pk=leaf.pk,
            code=leaf.code,
            label=labels[leaf.pk],
            theme=leaf.theme,
            objective=by_pk[leaf.parent_id].code if leaf.parent_id in by_pk else "",
            position=index,
            to_complete=not leaf.label,
        )
        for index, leaf in enumerate(leaves)
    ]
    leaf_parents = {leaf.parent_id for leaf in leaves if leaf.parent_id in by_pk}
    objectives = [
        Objective(
            code=item.code,
            label=labels[item.pk],
            group=by_pk[item.parent_id].code if item.parent_id in by_pk else "",
        )
        for item in items
        if item.pk in leaf_parents
    ]
    return objectives, indicators


def parent_ids(items: Iterable) -> set:
    """The ids of the items that have children (the others are indicators)."""
    return {item.parent_id for item in items if item.parent_id is not None}


def honest_label(item, by_pk: Mapping, *, parents: set | None = None) -> str:
    """An item's label; while the network has not published it, what honestly names the
    item: its objective, by label when known, else by code (pages show the item's code
    beside it, and say once that the network completes the labels, instead of repeating
    « à compléter » on every line). `parents` (see parent_ids) saves a pass over the tree
    per label."""
    if item.label:
        return item.label
    parent = by_pk.get(item.parent_id)
    if parents is None:
        parents = parent_ids(by_pk.values())
    is_indicator = item.pk not in parents
    if parent is None:
        return _("indicateur sans libellé") if is_indicator else _("objectif sans libellé")
    if parent.label:
        if is_indicator:
            return _("indicateur de l’objectif « %(objective)s »") % {"objective": parent.label}
        return _("objectif de « %(objective)s »") % {"objective": parent.label}
    if is_indicator:
        return _("indicateur de l’objectif %(code)s") % {"code": parent.code}
    return _("objectif de l’objectif %(code)s") % {"code": parent.code}


def choice_counts(choices: Iterable[tuple[int, str]]) -> Counter:
    """How many distinct poles chose each indicator, from (pole id, indicator code) pairs."""
    return Counter(code for _pole, code in set(choices))


def ranking(indicators: list[Indicator], counts: Mapping[str, int], respondents: int) -> list[dict]:
    """Indicators by number of poles that chose them (ties keep the tree's order and share
    a rank: 1, 2, 2, 4…); `share` is the percentage of the poles that answered."""
    ordered = sorted(indicators, key=lambda ind: (-counts.get(ind.code, 0), ind.position))
    rows: list[dict] = []
    for index, ind in enumerate(ordered):
        count = counts.get(ind.code, 0)
        rank = rows[-1]["rank"] if rows and rows[-1]["count"] == count else index + 1
        share = round(100 * count / respondents, 1) if respondents else 0.0
        rows.append(
            {"rank": rank, "code": ind.code, "label": ind.label, "theme": ind.theme, "count": count, "share": share}
        )
    return rows


def top_by_theme(rows: list[dict], top: int = 10) -> list[dict]:
    """The first `top` ranks (ties at the limit included, nothing chosen left out), grouped
    by theme in the order the themes first appear, as in the 2012 table."""
    groups: dict[str, list[dict]] = {}
    for row in rows:
        if row["rank"] > top or row["count"] == 0:
            break
        groups.setdefault(row["theme"] or NO_THEME, []).append(row)
    return [{"theme": theme, "rows": group} for theme, group in groups.items()]


def objective_means(levels: Mapping[str, int | None], indicators: list[Indicator]) -> dict[str, float]:
    """A pole's level per objective: the mean of the levels of its indicators (those
    without a level are left out; an objective with none is absent)."""
    sums: dict[str, list[int]] = {}
    for ind in indicators:
        level = levels.get(ind.code)
        if level is not None:
            sums.setdefault(ind.objective, []).append(level)
    return {code: statistics.fmean(values) for code, values in sums.items()}


def distribution(values: list[float]) -> dict:
    """Median and quartiles of a list of numbers (None for an empty list)."""
    if not values:
        return {"n": 0, "median": None, "q1": None, "q3": None, "min": None, "max": None}
    if len(values) == 1:
        q1 = q3 = values[0]
    else:
        q1, _median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return {
        "n": len(values),
        "median": statistics.median(values),
        "q1": q1,
        "q3": q3,
        "min": min(values),
        "max": max(values),
    }


def network_profile(per_pole: Mapping[int, Mapping[str, float]], objectives: list[Objective]) -> dict[str, dict]:
    """For each objective, the distribution of the poles' means."""
    return {
        objective.code: distribution([means[objective.code] for means in per_pole.values() if objective.code in means])
        for objective in objectives
    }


def evolution(
    before: Mapping[str, float | None], after: Mapping[str, float | None], order: list[str] | None = None
) -> list[dict]:
    """A pole's levels in two campaigns, matched by item code (codes present in one only
    appear with None on the other side); `delta` is after − before when both exist."""
    codes = list(order or [])
    codes += sorted((set(before) | set(after)) - set(codes))
    rows = []
    for code in codes:
        if code not in before and code not in after:
            continue
        old, new = before.get(code), after.get(code)
        delta = new - old if old is not None and new is not None else None
        rows.append({"code": code, "before": old, "after": new, "delta": delta})
    return rows


def response_rate(invited: int, submitted: int) -> float:
    """Percentage of invited poles that submitted, one decimal."""
    return round(100 * submitted / invited, 1) if invited else 0.0


def rounded(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)
