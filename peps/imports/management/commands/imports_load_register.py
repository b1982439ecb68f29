"""Load an official register file from disk (no upload size limit): the SIRENE stock files
are several gigabytes; rows outside the poles' territories are read and dropped on the fly.

    manage.py imports_load_register sirene_etab StockEtablissement_utf8.csv
    manage.py imports_load_register sirene_ul StockUniteLegale_utf8.csv
    manage.py imports_load_register rna rna_waldec_20250101_dpt_42.csv
"""

import time
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from peps.imports import registers
from peps.imports.models import RegisterKind
from peps.imports.reader import FileProblem


class Command(BaseCommand):
    help = "Charge un fichier officiel (SIRENE unités légales ou établissements, RNA) pour les territoires des pôles."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=RegisterKind.values)
        parser.add_argument("path", type=Path)

    def handle(self, *args, kind, path, **options):
        if not path.exists():
            raise CommandError(f"Fichier introuvable : {path}")
        started = time.monotonic()

        def progress(read, kept):
            self.stdout.write(f"{read:,} lignes lues, {kept:,} retenues…")

        try:
            with open(path, "rb") as handle:
                read, kept = registers.load_register(kind=kind, handle=handle, progress=progress)
        except (FileProblem, ValidationError) as problem:
            raise CommandError(" ".join(getattr(problem, "messages", [str(problem)]))) from None
        seconds = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"{read:,} lignes lues, {kept:,} retenues en {seconds:.1f} s."))
