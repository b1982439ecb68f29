"""Fit the score's weights on the tuning half of the evaluation set by cross-validation and
write them to peps/matching/fitted_weights.json (the engine loads them at start-up). The
held-out half is not read. Everything it writes in the database is rolled back."""

from django.core.management.base import BaseCommand
from django.db import transaction

from peps.matching.evaluation import load_evaluation_set
from peps.matching.fitting import cross_validate, write


class Command(BaseCommand):
    help = "Fit the matching weights on the tuning half of the evaluation set (k-fold cross-validation)."

    def add_arguments(self, parser):
        parser.add_argument("--folds", type=int, default=5)
        parser.add_argument("--dry-run", action="store_true", help="Print, do not write the weights.")

    def handle(self, *args, folds=5, dry_run=False, **options):
        with transaction.atomic():
            loaded = load_evaluation_set()
            result = cross_validate(loaded, folds=folds)
            transaction.set_rollback(True)
        for name, value in result["weights"].items():
            self.stdout.write(f"  {name:16} {value}")
        cv = result["cross_validated"]
        self.stdout.write(
            f"{result['folds']}-fold cross-validation on {result['tuning_needs']} tuning needs: "
            f"nDCG@5 {cv['ndcg_at_5']:.3f}, top-1 {cv['top_1']:.3f}, P@5 {cv['precision_at_5']:.3f}, "
            f"nDCG@10 {cv['ndcg_at_10']:.3f}, MRR {cv['mrr']:.3f}"
        )
        if not dry_run:
            write(result)
            self.stdout.write(self.style.SUCCESS("written to peps/matching/fitted_weights.json"))
