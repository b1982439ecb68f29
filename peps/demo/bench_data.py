"""What the benchmark measures beyond the synthetic poles: on the first pole, every capability's
demo (resources, agenda, partnerships, governance, debates, contacts, funding, newsletters),
a debate with 1,000 arguments, a week of 100 bookings, 2,000 offers, an annual report; across
every pole, a closed self-assessment campaign. `seed national` and `seed region` call it, so
that `make seed-national && make bench` measures every page (bench/README.md)."""

import random
import sys
import time

from django.db import transaction

from peps.directory.models import Structure
from peps.poles.models import Pole

OFFER_WORDS = [
    ("premises", "Salle de réunion à partager", "Une salle claire de 30 places, disponible en soirée et le samedi."),
    ("equipment", "Camion utilitaire à prêter", "Un utilitaire de 12 m³, prêté à la journée aux associations."),
    ("skills", "Accompagnement comptable", "Tenue de la comptabilité et aide au bilan pour les petites structures."),
    ("volunteering", "Bénévoles pour vos événements", "Une équipe de bénévoles pour l’accueil et la logistique."),
    ("funding", "Prêt d’honneur pour créer", "Un prêt sans intérêt pour le démarrage d’une activité solidaire."),
    ("outlet", "Débouché en restauration collective", "Des cantines cherchent des produits locaux en circuit court."),
]


def _step(label: str, started: float, stream) -> None:
    stream.write(f"  {label} ({time.monotonic() - started:.1f} s)\n")
    stream.flush()


def seed_bench_pages(pole: Pole, *, offers: int = 2000, arguments: int = 1000, stream=None) -> None:
    """Fill `pole` (and the network) with what each measured page shows; all parts or none."""
    from peps.assessment.demo import seed_assessment_bench
    from peps.commons.demo import seed_busy_week
    from peps.commons.models import Resource
    from peps.deliberation.demo import seed_big_debate
    from peps.demo.capabilities import CAPABILITY_DEMOS, _run
    from peps.referentials.services import load_ptce_referential
    from peps.reports.demo import seed_reports_demo

    stream = stream or sys.stdout
    started = time.monotonic()
    with transaction.atomic():
        _run(CAPABILITY_DEMOS, pole)
        _step("capability demos", started, stream)
        seed_big_debate(pole, arguments=arguments)
        _step(f"debate with {arguments} arguments", started, stream)
        room = Resource.objects.filter(pole=pole, kind="room").order_by("pk").first()
        if room is not None:
            seed_busy_week(room, bookings=100)
            _step("a week of 100 bookings", started, stream)
        _seed_offers(pole, offers)
        _step(f"{offers} offers", started, stream)
        version = load_ptce_referential()
        seed_assessment_bench(Pole.objects.filter(slug__startswith="pole-").order_by("slug"), version=version)
        _step("a campaign answered by every pole", started, stream)
        seed_reports_demo(pole)
        _step("an annual report", started, stream)


def _seed_offers(pole: Pole, count: int) -> None:
    """Offers of the pole's structures, through the service (so the matching index has them)."""
    from peps.partnerships.models import Reach
    from peps.partnerships.services import offer_create

    rng = random.Random(2026)
    structures = list(
        Structure.objects.filter(pole=pole, commune__isnull=False)
        .select_related("commune")
        .order_by("pk")[: max(1, count // 4)]
    )
    author = pole.memberships.filter(role="coordinator").select_related("person").first()
    by = author.person if author else None
    for index in range(count):
        category, title, description = OFFER_WORDS[index % len(OFFER_WORDS)]
        structure = structures[rng.randrange(len(structures))]
        offer_create(
            pole=pole,
            by=by,
            structure=structure,
            data={
                "category": category,
                "title": f"{title} — {structure.name}"[:200],
                "description": description,
                "reach": Reach.AROUND,
                "commune": structure.commune,
                "radius_km": 30,
            },
        )
