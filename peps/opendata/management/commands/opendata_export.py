"""Write one open dataset to a file (or /dev/null) and print how many rows and how long it
took: the bench hook for a full export at national scale.

    python manage.py opendata_export --dataset structures --format csv --output /dev/null
"""

import time

from django.core.management.base import BaseCommand, CommandError

from peps.opendata.datasets import DATASETS
from peps.opendata.exports import RENDERERS
from peps.poles.models import Pole


class CountingRows:
    """Counts the rows while they stream through, without keeping them."""

    def __init__(self, rows):
        self.rows = rows
        self.count = 0

    def __iter__(self):
        for row in self.rows:
            self.count += 1
            yield row


class Command(BaseCommand):
    help = "Exporte un jeu de données ouvertes (CSV ou JSON) et affiche le nombre de lignes et la durée."

    def add_arguments(self, parser):
        parser.add_argument("--dataset", choices=sorted(DATASETS), default="structures")
        parser.add_argument("--format", choices=sorted(RENDERERS), default="csv")
        parser.add_argument("--output", default="-", help="Fichier de sortie ; « - » pour la sortie standard.")
        parser.add_argument("--pole", default="", help="Identifiant d’un pôle (tout le réseau sinon).")

    def handle(self, *args, dataset, format, output, pole, **options):
        ds = DATASETS[dataset]
        pole_obj = None
        if pole:
            pole_obj = Pole.objects.filter(slug=pole).first()
            if pole_obj is None:
                raise CommandError(f"Pôle inconnu : {pole}")
        render, _content_type = RENDERERS[format]
        rows = CountingRows(ds.iter_rows(pole=pole_obj))
        started = time.perf_counter()
        size = 0
        target = self.stdout._out if output == "-" else open(output, "wb")  # noqa: SIM115
        try:
            for chunk in render(ds, rows):
                size += len(chunk)
                if output == "-":
                    target.write(chunk.decode("utf-8"))
                else:
                    target.write(chunk)
        finally:
            if output != "-":
                target.close()
        seconds = time.perf_counter() - started
        self.stderr.write(f"{ds.slug} {format}: {rows.count} lignes, {size / 1e6:.1f} Mo en {seconds:.2f} s")
