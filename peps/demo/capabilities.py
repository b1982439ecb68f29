"""The demo of each capability app (partnerships, agenda, commons, deliberation, governance),
layered on the POLLENS demo pole once its members, structures and projects exist."""

from importlib import import_module

from peps.poles.models import Pole

# (module, function): each builds its part of the demo for a pole, from the rows already there.
CAPABILITY_DEMOS = [
    ("peps.commons.demo", "seed_commons_demo"),
    ("peps.agenda.demo", "seed_agenda_demo"),
    ("peps.partnerships.demo", "seed_partnerships_demo"),
    ("peps.governance.demo", "seed_governance_demo"),
    ("peps.deliberation.demo", "seed_deliberation_demo"),
]


def seed_capability_demos(pole: Pole) -> list[str]:
    """Run every capability's demo seeder; returns the names of those that ran."""
    done = []
    for module_name, function_name in CAPABILITY_DEMOS:
        seed = getattr(import_module(module_name), function_name)
        seed(pole)
        done.append(function_name)
    return done
