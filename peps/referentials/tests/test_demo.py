"""seed_referentials_network_demo: the référentiel PTCE, loaded once."""

import pytest

from peps.referentials.demo import seed_referentials_network_demo
from peps.referentials.models import Version

pytestmark = pytest.mark.django_db


def test_demo_loads_the_ptce_once():
    first = seed_referentials_network_demo()
    assert seed_referentials_network_demo() == first
    assert Version.objects.count() == 1 and first.items.count() == 39 and first.is_published
