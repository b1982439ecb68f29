"""Load the hand-judged evaluation set (tests/matching/evaluation) into the database and measure
the engine against a plain keyword baseline: precision@5 and nDCG@10.

The caller owns the transaction: the command and the test roll everything back.
"""

import datetime
import math
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import timezone

from peps.directory.models import LegalForm, Structure
from peps.partnerships.models import Need, Offer, Reach
from peps.poles.models import Pole
from peps.projects.models import EconomicModel, Project
from peps.territory.models import EPCI, Commune, Departement, Region
from tests.matching.evaluation.communes import COMMUNES, EPCIS, TERRITORY
from tests.matching.evaluation.needs import NEEDS
from tests.matching.evaluation.offers import OFFERS

from .engine import suggest_partners
from .text import keyword_set

POLE_SLUG = "evaluation-matching"


@dataclass
class LoadedSet:
    pole: Pole
    needs: dict[str, Need]
    offers: dict[str, Offer]
    judgements: dict[str, dict[str, int]]
    categories: dict[str, str] = field(default_factory=dict)


def _dates(offsets: tuple[int, int] | None, today: datetime.date) -> dict:
    if offsets is None:
        return {"starts_on": None, "ends_on": None}
    return {
        "starts_on": today + datetime.timedelta(days=offsets[0]),
        "ends_on": today + datetime.timedelta(days=offsets[1]),
    }


def _communes() -> dict[str, Commune]:
    region, _ = Region.objects.get_or_create(code="84", defaults={"name": "Auvergne-Rhône-Alpes"})
    departement, _ = Departement.objects.get_or_create(code="42", defaults={"name": "Loire", "region": region})
    for code, name in EPCIS.items():
        EPCI.objects.get_or_create(code=code, defaults={"name": name})
    communes = {}
    for code, (name, latitude, longitude, epci) in COMMUNES.items():
        communes[code], _ = Commune.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "search_name": name.lower(),
                "departement": departement,
                "region": region,
                "epci_id": epci,
                "latitude": latitude,
                "longitude": longitude,
            },
        )
    return communes


def _place(where: str, communes: dict[str, Commune]) -> dict:
    if where == TERRITORY:
        return {"reach": Reach.TERRITORY, "commune": None}
    return {"reach": Reach.AROUND, "commune": communes[where]}


def load_evaluation_set() -> LoadedSet:
    """Create the pole, communes, one structure per offer, one project per need, and the rows
    (saved one by one, so the index is built by the save signals as in real use)."""
    today = timezone.localdate()
    pole, _ = Pole.objects.get_or_create(slug=POLE_SLUG, defaults={"name": "Évaluation du moteur de partenaires"})
    communes = _communes()
    offers = {}
    for key, category, where, title, description, dates in OFFERS:
        structure = Structure.objects.create(
            pole=pole, name=f"Structure {key}", slug=key[:80], legal_form=LegalForm.ASSOCIATION
        )
        offers[key] = Offer.objects.create(
            pole=pole,
            structure=structure,
            category=category,
            title=title,
            description=description,
            **_place(where, communes),
            **_dates(dates, today),
        )
    needs, judgements, categories = {}, {}, {}
    for key, category, where, radius, title, description, dates, domain, judged in NEEDS:
        project = Project.objects.create(
            pole=pole, title=f"Projet {key}", summary=title, domain=domain, economic_model=EconomicModel.ASSOCIATIVE
        )
        needs[key] = Need.objects.create(
            pole=pole,
            project=project,
            category=category,
            title=title,
            description=description,
            radius_km=radius,
            **_place(where, communes),
            **_dates(dates, today),
        )
        judgements[key] = judged
        categories[key] = category
    return LoadedSet(pole=pole, needs=needs, offers=offers, judgements=judgements, categories=categories)


def precision_at(ranked: list[str], judged: dict[str, int], k: int = 5) -> float:
    return sum(1 for key in ranked[:k] if judged.get(key, 0) > 0) / k


def ndcg_at(ranked: list[str], judged: dict[str, int], k: int = 10) -> float:
    def dcg(grades: list[int]) -> float:
        return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(grades[:k]))

    ideal = dcg(sorted(judged.values(), reverse=True))
    return dcg([judged.get(key, 0) for key in ranked]) / ideal if ideal else 0.0


def keyword_baseline(loaded: LoadedSet) -> Callable[[Need], list[str]]:
    """Rank offers by the number of folded words shared with the need (no stemming, synonyms,
    category, distance or dates); ties in the order the offers were written."""
    words = {key: keyword_set(f"{o.title} {o.description}") for key, o in loaded.offers.items()}

    def rank(need: Need) -> list[str]:
        need_words = keyword_set(f"{need.title} {need.description}")
        overlaps = [(len(need_words & offer_words), key) for key, offer_words in words.items()]
        return [key for count, key in sorted(overlaps, key=lambda x: -x[0]) if count > 0][:10]

    return rank


def engine_ranking(loaded: LoadedSet) -> Callable[[Need], list[str]]:
    key_of = {offer.pk: key for key, offer in loaded.offers.items()}

    def rank(need: Need) -> list[str]:
        return [key_of[s.offer.pk] for s in suggest_partners(need, limit=10)]

    return rank


@dataclass
class Figures:
    precision_at_5: float
    ndcg_at_10: float
    by_category: dict[str, tuple[float, float]]


def measure(loaded: LoadedSet, rank: Callable[[Need], list[str]]) -> Figures:
    per_need = {}
    for key, need in loaded.needs.items():
        ranked = rank(need)
        per_need[key] = (precision_at(ranked, loaded.judgements[key]), ndcg_at(ranked, loaded.judgements[key]))
    by_category: dict[str, list[tuple[float, float]]] = {}
    for key, values in per_need.items():
        by_category.setdefault(loaded.categories[key], []).append(values)

    def mean(values: list[tuple[float, float]], i: int) -> float:
        return sum(v[i] for v in values) / len(values)

    every = list(per_need.values())
    return Figures(
        precision_at_5=mean(every, 0),
        ndcg_at_10=mean(every, 1),
        by_category={c: (mean(v, 0), mean(v, 1)) for c, v in sorted(by_category.items())},
    )
