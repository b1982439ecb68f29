"""Reads of the self-assessment: the referential tree of a campaign, its results (computed
from the submitted answers only, by results.py), a pole's campaigns and its summary."""

import datetime
import functools
import json
import zlib
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db import connection
from django.db.models import Case, IntegerField, OuterRef, QuerySet, Subquery, Value, When

from peps.core.sql import column, exists_mark, fetch_rows, joined_instances, joined_select, read_one
from peps.poles.models import Pole
from peps.referentials.models import Item, Referential, Version

from . import results as maths
from .models import Answer, AnswerStatus, Campaign, CampaignResults, CampaignStatus, ItemAnswer

# The results show the ten most chosen indicators, as the 2012 table did.
TOP = 10


@dataclass
class Tree:
    """A version's tree as the questionnaire uses it: general objectives (groups) holding
    objectives holding indicators (the deepest items)."""

    objectives: list[maths.Objective]
    indicators: list[maths.Indicator]
    groups: list[dict] = field(default_factory=list)

    def by_pk(self) -> dict[int, maths.Indicator]:
        return {indicator.pk: indicator for indicator in self.indicators}

    @property
    def unknown_labels(self) -> int:
        """How many indicators still wait for their label (the page says it once)."""
        return sum(1 for indicator in self.indicators if indicator.to_complete)


class ItemRow(NamedTuple):
    """A version's item as the tree needs it: plain values, no model instance."""

    pk: int
    parent_id: int | None
    code: str
    label: str
    theme: str
    depth: int
    position: int
    to_complete: bool


@functools.lru_cache(maxsize=4)
def _items_sql(vendor: str) -> str:
    names = ("pk", "parent", "code", "label", "theme", "depth", "position", "to_complete")
    columns = ", ".join(column(Item, name) for name in names)
    table = connection.ops.quote_name(Item._meta.db_table)
    return f"SELECT {columns} FROM {table} WHERE {column(Item, 'version')} = %s"  # noqa: S608 - the model's quoted names


def version_items(version_id: int) -> list[ItemRow]:
    """The items of a version, in one indexed read written out: the ORM's values_list()
    joined the versions table for Item's ordering (tree_levels orders the items itself) and
    cost more to build and compile than the read."""
    rows = fetch_rows(_items_sql(connection.vendor), [version_id])
    # to_complete as a boolean on every engine (SQLite gives 0 or 1).
    return [ItemRow._make((*row[:7], bool(row[7]))) for row in rows]


def version_tree(version) -> Tree:
    """One query: the items of the version (plain rows: the tree needs no model instances),
    split into levels, each item's label made once."""
    items = version_items(getattr(version, "pk", version))
    parents = maths.parent_ids(items)
    by_pk = {item.pk: item for item in items}
    label_of = {item.pk: maths.honest_label(item, by_pk, parents=parents) for item in items}
    objectives, indicators = maths.tree_levels(items, parents=parents, labels=label_of)
    labels = {item.code: label_of[item.pk] for item in items}
    groups: dict[str, dict] = {}
    for objective in objectives:
        group = groups.setdefault(
            objective.group, {"code": objective.group, "label": labels.get(objective.group, ""), "objectives": []}
        )
        group["objectives"].append(
            {"objective": objective, "indicators": [ind for ind in indicators if ind.objective == objective.code]}
        )
    return Tree(objectives=objectives, indicators=indicators, groups=list(groups.values()))


def chosen_by(campaign: Campaign, *, chosen: bool, importance: int | None) -> bool:
    """What « chose this indicator » means: the pole's « most important » choice, or, for a
    campaign asking only the 0–3 scale, the top importance (3)."""
    if campaign.max_most_important:
        return chosen
    return campaign.uses_importance_scale and importance == 3


# The shape and maths of the stored figures (CampaignResults): bumped when either changes, so
# that rows stored by older code are recomputed instead of read.
FIGURES_FORMAT = 1


def _results_state(campaign: Campaign) -> dict:
    """One query: what the submitted answers are now (their number, latest change and sum of
    ids), the number of invited poles, and the stored figures with their stamp.

    Written in SQL because the ORM took 3.5 ms to compile this query (four subqueries and a
    join) on every results page, and the database 0.1 ms to run it."""
    quote = connection.ops.quote_name
    answers, invited = quote(Answer._meta.db_table), quote(Campaign.invited_poles.through._meta.db_table)
    stored = quote(CampaignResults._meta.db_table)
    # Only table names (quoted, from the models) are formatted in; every value is a parameter.
    sql = (
        f"SELECT (SELECT COUNT(*) FROM {answers} WHERE campaign_id = %s AND status = %s),"  # noqa: S608
        f" (SELECT MAX(updated_at) FROM {answers} WHERE campaign_id = %s AND status = %s),"
        f" (SELECT SUM(id) FROM {answers} WHERE campaign_id = %s AND status = %s),"
        f" (SELECT COUNT(*) FROM {invited} WHERE campaign_id = %s),"
        f" (SELECT stamp FROM {stored} WHERE campaign_id = %s),"
        f" (SELECT figures FROM {stored} WHERE campaign_id = %s)"
    )
    submitted = (campaign.pk, AnswerStatus.SUBMITTED.value)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*submitted, *submitted, *submitted, campaign.pk, campaign.pk, campaign.pk])
        count, last_change, id_sum, invited_count, stamp, figures = cursor.fetchone()
    if isinstance(figures, str | bytes):
        figures = json.loads(figures)
    return {
        "submitted_count": count or 0,
        # A datetime or its text, as the database gives it: the stamp only compares it with
        # itself.
        "last_change": last_change,
        "id_sum": id_sum or 0,
        "invited_count": invited_count or 0,
        "stored_stamp": stamp,
        "stored_figures": figures,
    }


def results_stamp(campaign: Campaign, tree: Tree, state: dict) -> str:
    """What the figures are computed from: the set of submitted answers (a submission touches
    its answer's updated_at, later than every other; a reopening or a deletion lowers the
    count; the sum of ids tells two sets apart), the questions asked, and the tree's shape."""
    shape = repr([(ind.pk, ind.code, ind.objective) for ind in tree.indicators] + [obj.code for obj in tree.objectives])
    last = state["last_change"] or "-"
    return "|".join(
        str(part)
        for part in (
            FIGURES_FORMAT,
            state["submitted_count"],
            last,
            state["id_sum"],
            campaign.max_most_important or 0,
            int(campaign.uses_importance_scale),
            f"{zlib.crc32(shape.encode()):08x}",
        )
    )


def compute_figures(campaign: Campaign, tree: Tree, *, submitted: int) -> dict:
    """The figures of the results from every submitted answer (one query over all their
    rows): each pole's mean level per objective, the network's distribution per objective,
    how many poles chose each indicator and its mean importance. Plain JSON data, keyed by
    pole id (as text) and by item code."""
    code_of = {indicator.pk: indicator.code for indicator in tree.indicators}
    rows = ItemAnswer.objects.filter(answer__campaign=campaign, answer__status=AnswerStatus.SUBMITTED).values_list(
        "answer__pole_id", "item_id", "level", "chosen_most_important", "importance"
    )
    levels: dict[int, dict[str, int | None]] = {}
    choices = []
    importances: dict[str, list[int]] = {}
    for pole_id, item_id, level, chosen, importance in rows:
        code = code_of.get(item_id)
        if code is None:
            continue
        levels.setdefault(pole_id, {})[code] = level
        if chosen_by(campaign, chosen=chosen, importance=importance):
            choices.append((pole_id, code))
        if importance is not None:
            importances.setdefault(code, []).append(importance)
    per_pole = {pole_id: maths.objective_means(pole_levels, tree.indicators) for pole_id, pole_levels in levels.items()}
    return {
        "submitted": submitted,
        "per_pole": {str(pole_id): means for pole_id, means in per_pole.items()},
        "profile": maths.network_profile(per_pole, tree.objectives),
        "choices": dict(maths.choice_counts(choices)),
        "importance": {code: maths.rounded(sum(values) / len(values)) for code, values in importances.items()},
    }


def campaign_results(campaign: Campaign, *, tree: Tree | None = None) -> dict:
    """Everything the results pages and exports show, from the submitted answers: the
    figures stored for the answers as they are now (2 queries with the tree), else computed
    from every answer and stored (2 more)."""
    tree = tree or version_tree(campaign.version)
    state = _results_state(campaign)
    stamp = results_stamp(campaign, tree, state)
    figures = state["stored_figures"] if state["stored_stamp"] == stamp else None
    if figures is None:
        from .services import campaign_results_store

        figures = compute_figures(campaign, tree, submitted=state["submitted_count"])
        campaign_results_store(campaign=campaign, stamp=stamp, figures=figures)
    return _results(campaign, tree, figures, invited=state["invited_count"])


def _results(campaign: Campaign, tree: Tree, figures: dict, *, invited: int) -> dict:
    submitted = figures["submitted"]
    profile = figures["profile"]
    ranking = maths.ranking(tree.indicators, figures["choices"], submitted)
    for row in ranking:
        row["importance"] = figures["importance"].get(row["code"])
    empty = maths.distribution([])
    return {
        "campaign": campaign,
        "tree": tree,
        "invited": invited,
        "submitted": submitted,
        "rate": maths.response_rate(invited, submitted),
        "ranking": ranking,
        "top": maths.top_by_theme(ranking, top=TOP),
        "has_ranking": bool(campaign.max_most_important or campaign.uses_importance_scale),
        "objectives": [
            {
                "code": objective.code,
                "label": objective.label,
                **{
                    key: maths.rounded(value) for key, value in profile.get(objective.code, empty).items() if key != "n"
                },
                "n": profile.get(objective.code, empty)["n"],
            }
            for objective in tree.objectives
        ],
        "per_pole": {int(pole_id): means for pole_id, means in figures["per_pole"].items()},
    }


def pole_profile(results: dict, pole_id: int) -> list[dict] | None:
    """The pole's mean level per objective next to the network's median and quartiles."""
    means = results["per_pole"].get(pole_id)
    if means is None:
        return None
    return [{**row, "level": maths.rounded(means.get(row["code"]))} for row in results["objectives"]]


@functools.lru_cache(maxsize=4)
def _previous_sql(vendor: str) -> str:
    quote = connection.ops.quote_name
    answer, campaign, version = (quote(model._meta.db_table) for model in (Answer, Campaign, Version))
    return (
        f"SELECT {column(Answer, 'pk')} FROM {answer}"  # noqa: S608 - the models' quoted names
        f" INNER JOIN {campaign} ON {column(Campaign, 'pk')} = {column(Answer, 'campaign')}"
        f" INNER JOIN {version} ON {column(Version, 'pk')} = {column(Campaign, 'version')}"
        f" WHERE {column(Answer, 'pole')} = %s AND {column(Answer, 'status')} = %s"
        f" AND {column(Version, 'referential')} = %s AND {column(Campaign, 'opens_on')} <= %s"
        f" AND {column(Answer, 'campaign')} <> %s"
        f" ORDER BY {column(Campaign, 'opens_on')} DESC, {column(Answer, 'campaign')} DESC LIMIT 1"
    )


def previous_answer(*, campaign: Campaign, pole) -> Answer | None:
    """The pole's submitted answer to the latest earlier campaign on the same referential.
    Its id is looked up first, in a read written out (the ORM took longer to build it than
    the database to answer): a pole's first campaign has none, and then the answer's
    campaign and version are not read (joining them cost more than the rest of the lookup)."""
    params = [
        getattr(pole, "pk", pole),
        AnswerStatus.SUBMITTED.value,
        campaign.version.referential_id,
        connection.ops.adapt_datefield_value(campaign.opens_on),
        campaign.pk,
    ]
    found = fetch_rows(_previous_sql(connection.vendor), params)
    if not found:
        return None
    return Answer.objects.select_related("campaign__version").get(pk=found[0][0])


@functools.lru_cache(maxsize=4)
def _levels_sql(vendor: str) -> str:
    quote = connection.ops.quote_name
    rows, items = quote(ItemAnswer._meta.db_table), quote(Item._meta.db_table)
    return (
        f"SELECT {column(Item, 'code')}, {column(ItemAnswer, 'level')} FROM {rows}"  # noqa: S608 - quoted names
        f" INNER JOIN {items} ON {column(Item, 'pk')} = {column(ItemAnswer, 'item')}"
        f" WHERE {column(ItemAnswer, 'answer')} = %s"
    )


def answer_levels(answer: Answer) -> dict[str, int | None]:
    """The answer's level by indicator code (one read written out)."""
    return dict(fetch_rows(_levels_sql(connection.vendor), [answer.pk]))


def invited_campaign(*, pole, pk: int) -> Campaign | None:
    """The campaign `pk` with its version if `pole` is invited to it and it is no longer a
    draft, else None: one read written out, whether the pole is invited a mark of it."""
    invited = exists_mark(Campaign.invited_poles.through, link="campaign", outer=Campaign, pole=pole.pk)
    campaign = read_one(Campaign, relations=("version",), marks={"is_invited": invited}, id=pk)
    if campaign is None or not getattr(campaign, "is_invited", False) or campaign.status == CampaignStatus.DRAFT:
        return None
    return campaign


def pole_answer(*, campaign: Campaign, pole) -> Answer | None:
    """The pole's answer to the campaign (at most one), or None."""
    answer = read_one(Answer, campaign=campaign.pk, pole=pole.pk)
    if answer is not None:
        answer.campaign, answer.pole = campaign, pole  # already loaded: not read again
    return answer


def pole_evolution(*, campaign: Campaign, pole, tree: Tree, levels: dict[str, int | None]) -> dict | None:
    """Levels of the pole in the previous campaign and in this one, by indicator and by
    objective, matched by item code (the versions may differ)."""
    previous = previous_answer(campaign=campaign, pole=pole)
    if previous is None:
        return None
    before = answer_levels(previous)
    before_tree = version_tree(previous.campaign.version)
    order = [indicator.code for indicator in tree.indicators]
    means_before = maths.objective_means(before, before_tree.indicators)
    means_after = maths.objective_means(levels, tree.indicators)
    labels = {objective.code: objective.label for objective in tree.objectives}
    labels.update({ind.code: ind.label for ind in tree.indicators})
    by_objective = maths.evolution(means_before, means_after, [objective.code for objective in tree.objectives])
    for row in by_objective:
        row.update(
            label=labels.get(row["code"], ""),
            before=maths.rounded(row["before"]),
            after=maths.rounded(row["after"]),
            delta=maths.rounded(row["delta"]),
        )
    by_indicator = maths.evolution(before, levels, order)
    for row in by_indicator:
        row["label"] = labels.get(row["code"], "")
    return {"previous": previous, "objectives": by_objective, "indicators": by_indicator}


def _answer_subquery(campaign_ref, pole_ref, column: str):
    return Subquery(Answer.objects.filter(campaign=campaign_ref, pole=pole_ref).values(column)[:1])


@dataclass
class InvitedPole:
    """An invited pole and the state of its answer (no answer yet: all None)."""

    pole: Pole
    answer_pk: int | None = None
    answer_status: str | None = None
    answer_submitted_at: datetime.datetime | None = None
    answer_public: bool = False


def campaign_poles(campaign: Campaign) -> list[InvitedPole]:
    """The invited poles with the state of their answer, in two plain queries."""
    answers = {
        answer.pole_id: answer
        for answer in Answer.objects.filter(campaign=campaign).only("pk", "pole_id", "status", "submitted_at", "public")
    }
    poles = campaign.invited_poles.only("pk", "slug", "name", "article", "kind", "is_demo").order_by("name")
    rows = []
    for pole in poles:
        answer = answers.get(pole.pk)
        if answer is None:
            rows.append(InvitedPole(pole=pole))
        else:
            rows.append(
                InvitedPole(
                    pole=pole,
                    answer_pk=answer.pk,
                    answer_status=answer.status,
                    answer_submitted_at=answer.submitted_at,
                    answer_public=answer.public,
                )
            )
    return rows


def campaigns_of_pole(pole) -> QuerySet:
    """The campaigns the pole is invited to (open or closed), with the state of its answer."""
    return (
        Campaign.objects.filter(invited_poles=pole)
        .exclude(status=CampaignStatus.DRAFT)
        .select_related("version__referential")
        .annotate(
            answer_pk=_answer_subquery(OuterRef("pk"), pole.pk, "pk"),
            answer_status=_answer_subquery(OuterRef("pk"), pole.pk, "status"),
        )
        .order_by("-opens_on", "-pk")
    )


def campaigns_for_network() -> QuerySet:
    return Campaign.objects.select_related("version__referential").order_by("-opens_on", "-pk")


# What the results page shows of each public answer: its pole's name and link.
_PUBLIC_ANSWER = (("pk", "pole"), (("pole", ("slug", "name")),))


@functools.lru_cache(maxsize=4)
def _public_answers_sql(vendor: str) -> str:
    head, tail = joined_select(Answer, *_PUBLIC_ANSWER)
    where = " AND ".join(f"{column(Answer, name)} = %s" for name in ("campaign", "status", "public"))
    # The pole is joined as j0 (joined_select).
    return f"{head}{tail} WHERE {where} ORDER BY {column(Pole, 'name', 'j0')}"


def public_answers(campaign: Campaign) -> list[Answer]:
    """The submitted answers made public, by pole name, each with its pole (slug and name):
    a read written out, the ORM's select_related() costing more to build than to run."""
    rows = fetch_rows(_public_answers_sql(connection.vendor), [campaign.pk, AnswerStatus.SUBMITTED.value, True])
    return joined_instances(Answer, *_PUBLIC_ANSWER, rows)


def results_campaign(pk: int) -> Campaign | None:
    """The campaign with its version and the version's referential (the results page names
    both), in two reads written out; None when there is none."""
    campaign = read_one(Campaign, relations=("version",), id=pk)
    if campaign is not None:
        version = campaign.version
        referential = read_one(Referential, id=version.referential_id)
        if referential is not None:  # always: the version protects its referential
            version.referential = referential
    return campaign


def pole_results_summary(pole) -> dict | None:
    """The pole's profile in the latest closed campaign it submitted (else the latest open
    one): {"campaign", "objectives": [{code, label, level, median, q1, q3}], "submitted_at"}.
    Used by the annual report and the pole comparison page."""
    answer = (
        Answer.objects.filter(
            pole=pole, status=AnswerStatus.SUBMITTED, campaign__status__in=[CampaignStatus.CLOSED, CampaignStatus.OPEN]
        )
        .select_related("campaign__version")
        .annotate(
            closed_first=Case(
                When(campaign__status=CampaignStatus.CLOSED, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("closed_first", "-campaign__closes_on", "-campaign_id")
        .first()
    )
    if answer is None:
        return None
    results = campaign_results(answer.campaign)
    profile = pole_profile(results, pole.pk) or []
    return {
        "campaign": answer.campaign,
        "objectives": [{key: row[key] for key in ("code", "label", "level", "median", "q1", "q3")} for row in profile],
        "submitted_at": answer.submitted_at,
    }
