"""Seeding helpers: generated identifiers, kept dates, the progress bar."""

import datetime
import random
from io import StringIO

from django.utils import timezone

from peps.core.identifiers import validate_rna, validate_siren, validate_siret
from peps.core.testing import factories as f
from peps.demo.bulk import Progress, explicit_dates, fake_rna, fake_siren, fake_siret
from peps.poles.models import Pole


def test_generated_identifiers_pass_the_validators():
    rng = random.Random(1)
    for _ in range(500):
        siren = fake_siren(rng)
        validate_siren(siren)
        validate_siret(fake_siret(siren, rng))
    for departement in ("42", "2A", "971", "03"):
        validate_rna(fake_rna(departement, rng))


def test_explicit_dates_keeps_given_dates_and_restores_auto_now(db):
    long_ago = timezone.now() - datetime.timedelta(days=400)
    with explicit_dates():
        kept = Pole.objects.create(slug="ancien", name="Ancien", created_at=long_ago)
        stamped = Pole.objects.create(slug="sans-date", name="Sans date")
    assert kept.created_at == long_ago
    assert stamped.created_at is not None
    again = f.PoleFactory(slug="apres")
    assert again.created_at > long_ago + datetime.timedelta(days=399)


def test_progress_bar_ends_with_a_new_line():
    out = StringIO()
    bar = Progress(3, "Pôles", stream=out)
    for _ in range(3):
        bar.advance()
    assert out.getvalue().endswith("\n")
    assert "3/3" in out.getvalue()
