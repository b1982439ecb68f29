"""`manage.py seed demo|region|national|custom`: the Roannais demo or synthetic data at scale."""

import time

from django.core.management.base import BaseCommand, CommandError

from peps.demo.bulk import fast_sqlite_writes
from peps.demo.demo import TerritoryMissing, demo_exists, seed_demo
from peps.demo.synthetic import SCALES, SeedError, scale_named, seed_synthetic


class Command(BaseCommand):
    help = (
        "Load the Roannais demo (`seed demo`) or synthetic data at a named scale: "
        "`region` (10 poles), `national` (100 poles, 200,000 structures, 100,000 people, 50,000 projects, "
        "500,000 comments), or `custom` with the counts given as options."
    )

    def add_arguments(self, parser):
        parser.add_argument("scale", choices=["demo", *SCALES, "custom"])
        parser.add_argument("--if-empty", action="store_true", help="demo: do nothing when the demo is there.")
        for name in ("poles", "structures", "people", "projects", "comments"):
            parser.add_argument(f"--{name}", type=int, help=f"Number of {name} (overrides the scale).")
        parser.add_argument("--seed", type=int, default=2026, help="Random seed (same seed, same data).")
        parser.add_argument("--no-progress", action="store_true", help="No progress bar on stderr.")
        parser.add_argument(
            "--no-bench-pages",
            action="store_true",
            help="region/national: skip the data of the benchmark's pages (debate, calendar, campaign, report…).",
        )

    def handle(self, *args, scale, if_empty=False, **options):
        if scale == "demo":
            self.seed_demo(if_empty)
            return
        counts = {k: options[k] for k in ("poles", "structures", "people", "projects", "comments")}
        if scale == "custom" and any(v is None for v in counts.values()):
            raise CommandError("`seed custom` needs --poles, --structures, --people, --projects and --comments.")
        if any(v is not None and v < 0 for v in counts.values()):
            raise CommandError("Counts cannot be negative.")
        chosen = scale_named(scale, **counts)
        self.stdout.write(
            f"Seeding {chosen.poles} poles, {chosen.structures} structures, {chosen.people} people, "
            f"{chosen.projects} projects, {chosen.comments} comments…"
        )
        self.stderr.ending = ""  # the progress bar redraws its line with "\r"
        try:
            with fast_sqlite_writes():
                report = seed_synthetic(
                    chosen, seed=options["seed"], progress=not options["no_progress"], stream=self.stderr
                )
        except SeedError as error:
            raise CommandError(str(error)) from error
        if scale in ("region", "national") and not options["no_bench_pages"]:
            from peps.demo.bench_data import seed_bench_pages
            from peps.poles.models import Pole

            self.stdout.write("The benchmark's pages, on the first pole:")
            seed_bench_pages(Pole.objects.get(slug="pole-001"), stream=self.stdout)
        for label, count in sorted(report.rows.items()):
            self.stdout.write(f"  {label:<28} {count:>10,}".replace(",", " "))
        self.stdout.write(self.style.SUCCESS(f"Seeded `{scale}` in {report.seconds:.1f} s."))

    def seed_demo(self, if_empty: bool) -> None:
        if if_empty and demo_exists():
            self.stdout.write("Demo already loaded.")
            return
        if demo_exists():
            raise CommandError("The demo is already loaded (pole 'pollens'); use --if-empty to skip it.")
        started = time.monotonic()
        try:
            with fast_sqlite_writes():
                report = seed_demo()
        except TerritoryMissing as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo loaded in {time.monotonic() - started:.1f} s: {report.poles} poles, "
                f"{report.structures} structures, {report.people} people, {report.projects} projects."
            )
        )
