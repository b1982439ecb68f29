"""Demo data of referentials: the référentiel PTCE, as shipped. Called by the network demo."""

from .models import Version
from .services import load_ptce_referential


def seed_referentials_network_demo() -> Version:
    """Idempotent: loads the référentiel PTCE once and returns its latest version."""
    return load_ptce_referential()
