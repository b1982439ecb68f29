"""Print nDCG@5, top-1, P@5, nDCG@10 and MRR of the matching engine, of the first engine and of
a plain keyword baseline, on both halves of the hand-judged evaluation set (tuning and
held-out). Everything it writes is rolled back."""

from django.core.management.base import BaseCommand
from django.db import transaction

from peps.matching.evaluation import (
    engine_ranking,
    first_engine_ranking,
    keyword_baseline,
    load_evaluation_set,
    measure,
    save_vectors,
    tuning_errors,
    tuning_misses,
)

COLUMNS = ("nDCG@5", "top-1", "P@5", "nDCG@10", "MRR")


class Command(BaseCommand):
    help = "Evaluate the matching engine on the hand-judged set (nothing is kept in the database)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--errors",
            action="store_true",
            help="Also print the tuning half's errors by kind (never the held-out half).",
        )
        parser.add_argument(
            "--needs",
            action="store_true",
            help="With --errors: also list each tuning need that loses, its first five and the missed offers "
            "judged 2, with their components (never the held-out half).",
        )
        parser.add_argument(
            "--save-vectors",
            action="store_true",
            help="Also write the encoder's vectors of the set's texts to tests/matching/evaluation/vectors.npz "
            "(after a text or the model changed).",
        )

    def handle(self, *args, errors=False, needs=False, **options):
        with transaction.atomic():
            loaded = load_evaluation_set()
            if options.get("save_vectors"):
                saved = save_vectors(loaded)
                self.stdout.write(f"{saved} vectors written to tests/matching/evaluation/vectors.npz")
            results = {
                "keyword baseline": measure(loaded, keyword_baseline(loaded)),
                "first engine": measure(loaded, first_engine_ranking(loaded)),
                "engine": measure(loaded, engine_ranking(loaded)),
            }
            kinds = tuning_errors(loaded) if errors else None
            misses = tuning_misses(loaded) if errors and needs else []
            offers = {key: offer.title for key, offer in loaded.offers.items()}
            transaction.set_rollback(True)
        self.stdout.write(f"{len(loaded.needs)} needs, {len(loaded.offers)} offers")
        for half, title in (("tuning", "tuning half"), ("held_out", "held-out half (never used to fit)")):
            needs = results["engine"][half].needs
            self.stdout.write(f"\n{title}: {needs} needs")
            self.stdout.write(f"{'':20}" + "".join(f"{c:>9}" for c in COLUMNS))
            for name, by_half in results.items():
                values = by_half[half].row()
                self.stdout.write(f"{name:20}" + "".join(f"{v:9.3f}" for v in values))
        self.stdout.write("\nheld-out nDCG@5 by category of need: baseline / first engine / engine")
        held = {name: r["held_out"].by_category for name, r in results.items()}
        for category, value in held["engine"].items():
            self.stdout.write(
                f"  {category:14} {held['keyword baseline'][category]:6.3f} "
                f"{held['first engine'][category]:6.3f} {value:6.3f}"
            )
        if kinds:
            self._errors(kinds)
        if misses:
            self._misses(misses, offers)

    def _errors(self, kinds):
        needs = kinds["needs"]
        self.stdout.write(
            f"\ntuning half's errors: {needs['lost']} of {needs['tuning']} needs with nDCG@5 < 0.95 or a wrong first"
        )
        self.stdout.write(f"offers judged 2 missing from their need's top 5: {sum(kinds['missing'].values())}")
        for why, count in kinds["missing"].most_common():
            self.stdout.write(f"  {count:4}  {why}")
        intruders = kinds["intruders"]
        self.stdout.write(
            f"offers ranked above a need's last offer judged 2 (top 10): {sum(intruders.values())}, "
            "by grade and what they beat it on"
        )
        for (grade, won), count in intruders.most_common():
            self.stdout.write(f"  {count:4}  judged {grade}: {won}")

    def _misses(self, misses, offers):
        shown = ("text", "semantic", "category", "kind", "distance", "schedule", "availability")
        self.stdout.write(f"\ntuning needs that lose ({len(misses)}), worst first: rank, grade, components, offer")
        for miss in misses:
            self.stdout.write(f"\n{miss.key} (nDCG@5 {miss.ndcg_at_5:.2f}): {miss.title}")
            for label, rows in (("", miss.shown), ("missed ", miss.missed)):
                for rank, key, grade, components in rows:
                    values = " ".join(f"{name[:4]}={components[name]:.2f}" for name in shown if name in components)
                    where = f"#{rank}" if rank else "not a candidate"
                    self.stdout.write(f"  {label}{where:>5} g={grade} {values}  {key}: {offers[key][:60]}")
