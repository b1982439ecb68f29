"""Reads of the self-assessment: the referential tree of a campaign, its results (computed
from the submitted answers only, by results.py), a pole's campaigns and its summary."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Case, IntegerField, OuterRef, QuerySet, Subquery, Value, When

from peps.poles.models import Pole
from peps.referentials.models import Item

from . import results as maths
from .models import Answer, AnswerStatus, Campaign, CampaignStatus, ItemAnswer

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


def version_tree(version) -> Tree:
    """One query: the items of the version, split into levels."""
    items = list(
        Item.objects.filter(version=version).only(
            "pk", "parent_id", "code", "label", "theme", "depth", "position", "to_complete"
        )
    )
    objectives, indicators = maths.tree_levels(items)
    by_pk = {item.pk: item for item in items}
    labels = {item.code: maths.honest_label(item, by_pk) for item in items}
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


def campaign_results(campaign: Campaign, *, tree: Tree | None = None) -> dict:
    """Everything the results pages and exports show, from the submitted answers (4 queries)."""
    tree = tree or version_tree(campaign.version)
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
    invited = campaign.invited_poles.count()
    submitted = Answer.objects.filter(campaign=campaign, status=AnswerStatus.SUBMITTED).count()
    per_pole = {pole_id: maths.objective_means(pole_levels, tree.indicators) for pole_id, pole_levels in levels.items()}
    profile = maths.network_profile(per_pole, tree.objectives)
    ranking = maths.ranking(tree.indicators, maths.choice_counts(choices), submitted)
    mean_importance = {code: maths.rounded(sum(values) / len(values)) for code, values in importances.items()}
    for row in ranking:
        row["importance"] = mean_importance.get(row["code"])
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
                **{key: maths.rounded(value) for key, value in profile[objective.code].items() if key != "n"},
                "n": profile[objective.code]["n"],
            }
            for objective in tree.objectives
        ],
        "per_pole": per_pole,
        "levels": levels,
    }


def pole_profile(results: dict, pole_id: int) -> list[dict] | None:
    """The pole's mean level per objective next to the network's median and quartiles."""
    means = results["per_pole"].get(pole_id)
    if means is None:
        return None
    return [{**row, "level": maths.rounded(means.get(row["code"]))} for row in results["objectives"]]


def previous_answer(*, campaign: Campaign, pole) -> Answer | None:
    """The pole's submitted answer to the latest earlier campaign on the same referential."""
    return (
        Answer.objects.filter(
            pole=pole,
            status=AnswerStatus.SUBMITTED,
            campaign__version__referential_id=campaign.version.referential_id,
            campaign__opens_on__lte=campaign.opens_on,
        )
        .exclude(campaign=campaign)
        .select_related("campaign__version")
        .order_by("-campaign__opens_on", "-campaign_id")
        .first()
    )


def answer_levels(answer: Answer) -> dict[str, int | None]:
    return dict(answer.items.values_list("item__code", "level"))


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


def public_answers(campaign: Campaign) -> QuerySet:
    return (
        Answer.objects.filter(campaign=campaign, status=AnswerStatus.SUBMITTED, public=True)
        .select_related("pole")
        .order_by("pole__name")
    )


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
