"""The one door to the matching engine (peps.matching). Until that engine is installed, an
honest fallback answers: open offers or needs of the same category and pole, newest first,
with the only reason it knows, « même catégorie ». Both exclude partners that left the pole."""

import importlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from peps.poles.models import Membership, MembershipStatus

from .models import Need, Offer

if TYPE_CHECKING:
    from .reach import Recipient

# A suggestion at or above this score is a "strong match" worth a notification.
STRONG_MATCH_SCORE = 0.6
# The fallback only knows the category fits: it says so with this score, no more.
FALLBACK_SCORE = 0.6


@dataclass
class Suggestion:
    score: float
    reasons: list[str] = field(default_factory=list)
    offer: Offer | None = None
    need: Need | None = None
    misfits: list[str] = field(default_factory=list)
    # Set by the selectors: a partnership with this partner (or for this project) exists.
    already_proposed: bool = False
    # Set by the page (views/sides.py): who a proposal would reach.
    recipient: "Recipient | None" = None

    @property
    def relevance(self) -> str:
        return relevance_label(self.score, feasible=not self.misfits)


# Score thresholds of the words shown to people instead of a number.
VERY_RELEVANT = 0.55
RELEVANT = 0.35


def relevance_label(score: float, *, feasible: bool = True) -> str:
    """« très pertinent », « pertinent » or « à explorer » (an offer that does not fit as it
    is, too small or not eligible, is only worth exploring)."""
    if feasible and score >= VERY_RELEVANT:
        return _("très pertinent")
    if feasible and score >= RELEVANT:
        return _("pertinent")
    return _("à explorer")


def _engine():
    """The module of peps.matching exposing suggest_partners and suggest_needs (the package
    itself or its `engine` module), or None while it is not installed (only its absence is
    forgiven: an error inside the engine is raised)."""
    for name in ("peps.matching", "peps.matching.engine"):
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name not in ("peps.matching", name):
                raise
            return None
        if hasattr(module, "suggest_partners") and hasattr(module, "suggest_needs"):
            return module
    return None


def engine_available() -> bool:
    return _engine() is not None


def index_after_write(row: Need | Offer) -> None:
    """Bring the matching index up to date after a service wrote `row` (in its transaction),
    and queue its sentence embedding once the transaction is committed. Explicit calls from the
    services rather than save signals: no write hidden behind a save."""
    if not engine_available():
        return
    from django.db import transaction

    from peps.matching import indexing, tasks

    if isinstance(row, Offer):
        indexing.index_offer(row)
        if row.is_open:
            transaction.on_commit(lambda: tasks.embed_offer_task.enqueue(offer_id=row.pk))
    else:
        indexing.index_need(row)
        if row.is_open:
            transaction.on_commit(lambda: tasks.embed_need_task.enqueue(need_id=row.pk))


def left_the_pole(pole) -> Q:
    """Offers whose owner left the pole: a structure made inactive or whose membership
    ended, a person whose membership ended. They keep their history, but are not suggested."""
    left = Membership.objects.filter(pole=pole, status=MembershipStatus.LEFT)
    return (
        Q(structure__is_active=False)
        | Q(Exists(left.filter(structure_id=OuterRef("structure_id"))), structure__isnull=False)
        | Q(Exists(left.filter(person_id=OuterRef("person_id"))), person__isnull=False)
    )


def suggestable_offers(pole) -> QuerySet[Offer]:
    return Offer.objects.filter(pole=pole, is_open=True).exclude(left_the_pole(pole))


def suggestable_needs(pole) -> QuerySet[Need]:
    left = Membership.objects.filter(pole=pole, status=MembershipStatus.LEFT)
    return (
        Need.objects.filter(pole=pole, is_open=True)
        .exclude(structure__is_active=False)
        .exclude(Q(Exists(left.filter(structure_id=OuterRef("structure_id"))), structure__isnull=False))
    )


def suggest_partners(need: Need, limit: int = 10) -> list[Suggestion]:
    """Offers that could answer the need, best first, each with why."""
    engine = _engine()
    if engine is not None:
        return list(engine.suggest_partners(need, limit=limit))
    return fallback_partners(need, limit)


def fallback_partners(need: Need, limit: int = 10) -> list[Suggestion]:
    offers = suggestable_offers(need.pole).filter(category=need.category)
    if need.structure_id:
        offers = offers.exclude(structure_id=need.structure_id)
    offers = offers.select_related("structure", "person", "commune").order_by("-created_at", "-pk")[:limit]
    return [Suggestion(offer=offer, score=FALLBACK_SCORE, reasons=[_("même catégorie")]) for offer in offers]


def suggest_needs(offer: Offer, limit: int = 10) -> list[Suggestion]:
    """Open needs the offer could serve, best first, each with why."""
    engine = _engine()
    if engine is not None:
        return list(engine.suggest_needs(offer, limit=limit))
    return fallback_needs(offer, limit)


def fallback_needs(offer: Offer, limit: int = 10) -> list[Suggestion]:
    needs = suggestable_needs(offer.pole).filter(category=offer.category)
    if offer.structure_id:
        needs = needs.exclude(structure_id=offer.structure_id)
    needs = needs.select_related("project", "structure", "commune").order_by("-created_at", "-pk")[:limit]
    return [Suggestion(need=need, score=FALLBACK_SCORE, reasons=[_("même catégorie")]) for need in needs]
