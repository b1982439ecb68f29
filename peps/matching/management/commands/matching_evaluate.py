"""Print precision@5 and nDCG@10 of the matching engine against a plain keyword baseline, on the
hand-judged evaluation set. Everything it writes is rolled back."""

from django.core.management.base import BaseCommand
from django.db import transaction

from peps.matching.evaluation import engine_ranking, keyword_baseline, load_evaluation_set, measure


class Command(BaseCommand):
    help = "Evaluate the matching engine on the hand-judged set (nothing is kept in the database)."

    def handle(self, *args, **options):
        with transaction.atomic():
            loaded = load_evaluation_set()
            engine = measure(loaded, engine_ranking(loaded))
            baseline = measure(loaded, keyword_baseline(loaded))
            transaction.set_rollback(True)
        self.stdout.write(f"{len(loaded.needs)} needs, {len(loaded.offers)} offers\n")
        self.stdout.write(f"{'':24} {'precision@5':>12} {'nDCG@10':>9}")
        self.stdout.write(f"{'keyword baseline':24} {baseline.precision_at_5:12.3f} {baseline.ndcg_at_10:9.3f}")
        self.stdout.write(f"{'engine':24} {engine.precision_at_5:12.3f} {engine.ndcg_at_10:9.3f}")
        self.stdout.write("\nby category (need)          baseline P@5 nDCG   engine P@5 nDCG")
        for category, (p, n) in engine.by_category.items():
            bp, bn = baseline.by_category[category]
            self.stdout.write(f"  {category:26} {bp:9.2f} {bn:6.2f} {p:12.2f} {n:6.2f}")
