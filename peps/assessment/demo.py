"""Demo of the self-assessment: a 2012-like closed campaign on the référentiel PTCE answered
by at least 29 PTCE (ten most chosen indicators = the 2012 table), an open campaign where
POLLENS has a draft, and a fast bulk seeder for the national benchmark."""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from peps.accounts.models import User
from peps.poles.models import Membership, MembershipStatus, Pole, PoleKind, Role

from . import services
from .models import Answer, AnswerStatus, Campaign, ItemAnswer
from .selectors import version_tree

TITLE_2012 = "Questionnaire 2012 du référentiel PTCE"
TITLE_OPEN = "Autoévaluation annuelle du réseau"
# The ten indicators of the 2012 table (DOMAIN.md), most chosen first, and how many of the
# 29 poles chose each; the other 17 indicators get fewer (OTHER_COUNTS, at most 8).
TOP_TEN = ["e2", "b1", "g1", "d3", "g2", "c2", "a2", "b3", "f2", "c1"]
TOP_COUNTS = [24, 22, 21, 20, 19, 18, 17, 16, 15, 14]
OTHER_COUNTS = [8, 7, 6, 6, 5, 5, 5, 4, 4, 4, 3, 3, 3, 2, 2, 2, 1]
MIN_POLES = 29  # exactly: the study's poles, no more
# POLLENS' profile by principal objective: strong on knowing and linking its territory,
# still building its economic model (g, h).
POLLENS_LEVELS = {"a": 3, "b": 3, "c": 3, "d": 2, "e": 2, "f": 3, "g": 1, "h": 1, "i": 2}


def _answering_poles() -> list[Pole]:
    """Exactly the 29 answering poles of the study: POLLENS (whatever its kind), the PTCE of
    the database (the real poles of 2012 before the fictional ones, which are dropped first),
    completed up to 29 with demo poles « Pôle démo N »."""
    ptce = sorted(
        Pole.objects.filter(kind=PoleKind.PTCE).exclude(slug="pollens"),
        key=lambda pole: (pole.slug.startswith(("ptce-demo-", "pole-demo-")), pole.name),
    )
    pollens = Pole.objects.filter(slug="pollens").first()
    poles = ([pollens] if pollens is not None else []) + ptce
    poles = sorted(poles[:MIN_POLES], key=lambda pole: pole.name)
    number = 1
    while len(poles) < MIN_POLES:
        pole, _created = Pole.objects.get_or_create(
            slug=f"pole-demo-{number}",
            defaults={
                "name": f"Pôle démo {number}",
                "short_name": f"Démo {number}",
                "kind": PoleKind.PTCE,
                "is_demo": True,
                "tagline": "Pôle de démonstration pour les résultats du référentiel.",
            },
        )
        if pole not in poles:
            poles.append(pole)
        number += 1
    return poles


def _coordinators(poles) -> dict[int, int]:
    rows = (
        Membership.objects.filter(
            pole__in=poles,
            status=MembershipStatus.ACTIVE,
            role__in=[Role.COORDINATOR, Role.ADMIN],
            person__isnull=False,
        )
        .order_by("pole_id", "role", "pk")
        .values_list("pole_id", "person_id")
    )
    found: dict[int, int] = {}
    for pole_id, person_id in rows:
        found.setdefault(pole_id, person_id)
    return found


def assign_choices(codes: list[str], counts: dict[str, int], poles: list, *, limit: int, rng) -> dict:
    """Give each indicator exactly counts[code] distinct poles, always to the poles that
    chose least so far, so nobody exceeds `limit` when the total allows it."""
    chosen: dict = {pole: set() for pole in poles}
    for code in sorted(codes, key=lambda c: -counts.get(c, 0)):
        candidates = [pole for pole in poles if len(chosen[pole]) < limit]
        rng.shuffle(candidates)
        candidates.sort(key=lambda pole: len(chosen[pole]))
        for pole in candidates[: counts.get(code, 0)]:
            chosen[pole].add(code)
    return chosen


def _levels(tree, rng, *, profile: dict[str, int] | None = None) -> dict[int, int]:
    base = rng.uniform(1.0, 3.2)
    levels = {}
    for indicator in tree.indicators:
        centre = profile.get(indicator.objective, base) if profile else base
        levels[indicator.pk] = max(0, min(4, round(centre + rng.gauss(0, 0.8))))
    return levels


def bulk_answers(campaign: Campaign, answers: list[dict], *, submitted_at) -> list[Answer]:
    """Write many complete answers at once (bulk_create): each dict has pole, levels
    {item id: level}, chosen {item ids}, importance {item id: 0–3} and optional by, comments."""
    rows = Answer.objects.bulk_create(
        [
            Answer(
                campaign=campaign,
                pole=spec["pole"],
                status=AnswerStatus.SUBMITTED,
                submitted_at=submitted_at,
                submitted_by_id=spec.get("by"),
                public=spec.get("public", False),
            )
            for spec in answers
        ]
    )
    if any(row.pk is None for row in rows):  # backends that do not return ids (none we use)
        by_pole = dict(Answer.objects.filter(campaign=campaign).values_list("pole_id", "pk"))
        for row in rows:
            row.pk = by_pole[row.pole_id]
    items = []
    for row, spec in zip(rows, answers, strict=True):
        for item_id, level in spec["levels"].items():
            items.append(
                ItemAnswer(
                    answer_id=row.pk,
                    item_id=item_id,
                    level=level,
                    chosen_most_important=item_id in spec.get("chosen", ()),
                    importance=spec.get("importance", {}).get(item_id),
                    comment=spec.get("comments", {}).get(item_id, ""),
                    evidence=spec.get("evidence", {}).get(item_id, []),
                )
            )
    ItemAnswer.objects.bulk_create(items, batch_size=2000)
    return rows


def _admin():
    return User.objects.filter(is_superuser=True).order_by("pk").first()


def seed_assessment_network_demo(*, version=None, now: datetime.datetime | None = None) -> dict:
    """Idempotent: the 2012-like campaign (closed) and an open campaign with POLLENS' draft."""
    from peps.referentials.services import load_ptce_referential

    version = version or load_ptce_referential()
    existing = Campaign.objects.filter(title=TITLE_2012, version__referential=version.referential).first()
    if existing is not None:
        return {"closed": existing, "open": Campaign.objects.filter(title=TITLE_OPEN).first()}
    now = now or timezone.now()
    rng = random.Random(2012)
    by = _admin()
    tree = version_tree(version)
    codes = [indicator.code for indicator in tree.indicators]
    pk_of = {indicator.code: indicator.pk for indicator in tree.indicators}
    with transaction.atomic():
        poles = _answering_poles()
        coordinators = _coordinators(poles)
        scale = len(poles) / MIN_POLES
        counts = {code: round(count * scale) for code, count in zip(TOP_TEN, TOP_COUNTS, strict=True)}
        others = [code for code in codes if code not in counts]
        rng.shuffle(others)
        counts.update({code: round(count * scale) for code, count in zip(others, OTHER_COUNTS, strict=False)})
        chosen = assign_choices(codes, counts, poles, limit=10, rng=rng)

        closed = services.campaign_create(
            by=by,
            title=TITLE_2012,
            description=(
                "Premier questionnaire en ligne du référentiel PTCE : chaque pôle choisit les dix "
                "indicateurs qu’il juge les plus importants et évalue son niveau sur chacun."
            ),
            version=version,
            opens_on=datetime.date(2012, 4, 2),
            closes_on=datetime.date(2012, 6, 29),
            poles=poles,
            max_most_important=10,
            uses_importance_scale=False,
            reminder_days=10,
        )
        services.campaign_open(campaign=closed, by=by)
        specs = []
        for pole in poles:
            is_pollens = pole.slug == "pollens"
            spec = {
                "pole": pole,
                "by": coordinators.get(pole.pk),
                "levels": _levels(tree, rng, profile=POLLENS_LEVELS if is_pollens else None),
                "chosen": {pk_of[code] for code in chosen[pole]},
            }
            if is_pollens:
                spec["comments"] = {
                    pk_of["e2"]: "Temps d’échange entre porteurs de projets et Bourse aux projets ouverte à tous.",
                    pk_of["b3"]: "Site web, lettre d’information et Rencontres solidaires en Roannais.",
                    pk_of["g1"]: "Financement encore public à 91 % : objectif de réduire la dépendance.",
                }
                spec["evidence"] = {pk_of["e2"]: [{"url": "/p/pollens/projets/", "label": "Projets accompagnés"}]}
                # POLLENS shows its levels to all, so the comparison page can put them side by side.
                spec["public"] = True
            specs.append(spec)
        bulk_answers(closed, specs, submitted_at=timezone.make_aware(datetime.datetime(2012, 6, 15, 12)))
        services.campaign_close(campaign=closed, by=by)

        today = timezone.localdate(now)
        open_campaign = services.campaign_create(
            by=by,
            title=TITLE_OPEN,
            description="Chaque pôle actualise son autoévaluation ; les résultats servent au bilan annuel.",
            version=version,
            opens_on=today - datetime.timedelta(days=20),
            closes_on=today + datetime.timedelta(days=40),
            poles=poles,
            max_most_important=10,
            uses_importance_scale=True,
        )
        services.campaign_open(campaign=open_campaign, by=by)
        early = [pole for pole in poles if pole.slug != "pollens"][:12]
        bulk_answers(
            open_campaign,
            [
                {
                    "pole": pole,
                    "by": coordinators.get(pole.pk),
                    "levels": _levels(tree, rng),
                    "chosen": {pk_of[code] for code in rng.sample(codes, 10)},
                    "importance": {indicator.pk: rng.randint(0, 3) for indicator in tree.indicators},
                }
                for pole in early
            ],
            submitted_at=now - datetime.timedelta(days=3),
        )
        pollens = next((pole for pole in poles if pole.slug == "pollens"), None)
        if pollens is not None:
            draft = services.answer_get_or_start(campaign=open_campaign, pole=pollens)
            first = tree.indicators[:9]
            author = User.objects.filter(pk=coordinators.get(pollens.pk)).first()
            services.answer_save(
                answer=draft,
                by=author,
                values={
                    indicator.pk: {
                        "level": min(4, POLLENS_LEVELS.get(indicator.objective, 2) + 1),
                        "importance": 3 if indicator.code in TOP_TEN else 2,
                        "chosen_most_important": indicator.code in TOP_TEN,
                    }
                    for indicator in first
                },
            )
    return {"closed": closed, "open": open_campaign}


def seed_assessment_bench(
    poles, *, version=None, title: str = "Campagne de référence (bench)", seed: int = 7
) -> Campaign:
    """A closed campaign answered by every pole of `poles` (bulk writes): the national
    benchmark's results page with 100 poles."""
    from peps.referentials.services import load_ptce_referential

    version = version or load_ptce_referential()
    poles = list(poles)
    rng = random.Random(seed)
    tree = version_tree(version)
    pks = [indicator.pk for indicator in tree.indicators]
    with transaction.atomic():
        campaign = services.campaign_create(
            by=None,
            title=title,
            version=version,
            opens_on=datetime.date(2024, 1, 8),
            closes_on=datetime.date(2024, 3, 29),
            poles=poles,
            max_most_important=10,
            uses_importance_scale=True,
        )
        services.campaign_open(campaign=campaign, by=None)
        bulk_answers(
            campaign,
            [
                {
                    "pole": pole,
                    "levels": _levels(tree, rng),
                    "chosen": set(rng.sample(pks, min(10, len(pks)))),
                    "importance": {pk: rng.randint(0, 3) for pk in pks},
                }
                for pole in poles
            ],
            submitted_at=timezone.make_aware(datetime.datetime(2024, 3, 20, 12)),
        )
        services.campaign_close(campaign=campaign, by=None)
    return campaign
