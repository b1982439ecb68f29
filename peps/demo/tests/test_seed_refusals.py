"""`manage.py seed`: what it refuses, and what it says, on a database without the demo."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from peps.demo.tests.test_seed_synthetic import TINY
from peps.poles.models import Pole


def test_demo_needs_the_imported_territory(db):
    with pytest.raises(CommandError, match="territory_import"):
        call_command("seed", "demo", stdout=StringIO())
    assert not Pole.objects.exists()


def test_custom_needs_every_count(two_arrondissements):
    with pytest.raises(CommandError, match="--poles"):
        call_command("seed", "custom", "--poles", "2", stdout=StringIO())


def test_synthetic_seed_needs_the_territory(db):
    with pytest.raises(CommandError, match="territory_import"):
        call_command("seed", "custom", *TINY, "--no-progress", stdout=StringIO())


def test_progress_is_drawn_on_stderr(two_arrondissements):
    err = StringIO()
    call_command("seed", "custom", *TINY, stdout=StringIO(), stderr=err)
    assert "2/2" in err.getvalue()
