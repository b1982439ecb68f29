"""manage.py network_locate_poles: every pole gets its centre, fiches created where missing."""

from io import StringIO

from django.core.management import call_command

from peps.network.models import PoleProfile
from peps.poles.models import TerritoryUnit


def test_locates_every_pole_even_units_written_in_bulk(pole, other_pole, commune):
    TerritoryUnit.objects.bulk_create([TerritoryUnit(pole=pole, kind="commune", code=commune.code)])
    out = StringIO()
    call_command("network_locate_poles", stdout=out)
    assert "2 pôle(s)" in out.getvalue()
    assert PoleProfile.objects.get(pole=pole).latitude == 46.03
    assert PoleProfile.objects.get(pole=other_pole).latitude is None
