"""Test data of the self-assessment: a small referential tree, campaigns and answers."""

import datetime

from peps.referentials.models import Item, Referential, Version

from .. import services
from ..models import Answer, AnswerStatus, Campaign, ItemAnswer

DELIBERATION = "Organisation de la délibération"
COOPERATION = "Développement économique par la coopération"
THEMES = {"a1": DELIBERATION, "b1": COOPERATION, "c2": DELIBERATION}


def small_version(
    *, slug: str = "mini", number: int = 1, objectives=("a", "b", "c"), per_objective: int = 2
) -> Version:
    """G (general objective) > a, b, c (objectives) > a1, a2, b1… (indicators)."""
    referential, _ = Referential.objects.get_or_create(slug=slug, defaults={"name": f"Référentiel {slug}"})
    version = Version.objects.create(
        referential=referential, number=number, level_names=["Général", "Objectif", "Indicateur"]
    )
    position = 0
    root = Item.objects.create(
        version=version, code="G", label="Cultiver et servir le territoire", depth=0, position=position
    )
    for letter in objectives:
        position += 1
        objective = Item.objects.create(
            version=version, parent=root, code=letter, label=f"Objectif {letter}", depth=1, position=position
        )
        for n in range(1, per_objective + 1):
            position += 1
            code = f"{letter}{n}"
            Item.objects.create(
                version=version,
                parent=objective,
                code=code,
                label=f"Indicateur {code}",
                theme=THEMES.get(code, ""),
                depth=2,
                position=position,
            )
    return version


def campaign(poles=(), *, version=None, open_it: bool = True, **fields) -> Campaign:
    defaults = {
        "title": "Campagne test",
        "opens_on": datetime.date(2025, 1, 6),
        "closes_on": datetime.date(2025, 3, 28),
        "max_most_important": 2,
        "uses_importance_scale": False,
    }
    defaults.update(fields)
    made = services.campaign_create(by=None, version=version or small_version(), poles=poles, **defaults)
    if open_it:
        services.campaign_open(campaign=made, by=None)
    return made


def answer(
    campaign: Campaign, pole, levels: dict[str, int | None], *, chosen=(), importance=None, submitted=True, public=False
):
    """Store an answer directly (the service is tested on its own): levels by item code."""
    items = dict(campaign.version.items.values_list("code", "pk"))
    row = Answer.objects.create(
        campaign=campaign,
        pole=pole,
        public=public,
        status=AnswerStatus.SUBMITTED if submitted else AnswerStatus.DRAFT,
        submitted_at=datetime.datetime(2025, 2, 1, tzinfo=datetime.UTC) if submitted else None,
    )
    ItemAnswer.objects.bulk_create(
        [
            ItemAnswer(
                answer=row,
                item_id=items[code],
                level=level,
                chosen_most_important=code in chosen,
                importance=(importance or {}).get(code),
            )
            for code, level in levels.items()
        ]
    )
    return row


def full_levels(version, level: int = 2) -> dict[str, int]:
    return {code: level for code in version.items.filter(depth=2).values_list("code", flat=True)}
