"""The demo of each capability app, layered on the demo once its poles, members, structures
and projects exist: the POLLENS pole's own parts first, then the national network's."""

from importlib import import_module

from peps.poles.models import Pole

# (module, function): each builds its part of the demo for a pole, from the rows already there.
CAPABILITY_DEMOS = [
    ("peps.commons.demo", "seed_commons_demo"),
    ("peps.agenda.demo", "seed_agenda_demo"),
    ("peps.partnerships.demo", "seed_partnerships_demo"),
    ("peps.governance.demo", "seed_governance_demo"),
    ("peps.deliberation.demo", "seed_deliberation_demo"),
    ("peps.activity.demo", "seed_activity_demo"),
    ("peps.funding.demo", "seed_funding_demo"),
    ("peps.newsletters.demo", "seed_newsletters_demo"),
]

# The network's demo, in this order: the poles of the 2012 référentiel and their sheets,
# the référentiel PTCE, the campaign they answered, resource people, calls for projects.
NETWORK_DEMOS = [
    ("peps.network.demo", "seed_network_network_demo"),
    ("peps.network.services", "poles_locate_all"),  # the map's markers, for every demo pole
    ("peps.referentials.demo", "seed_referentials_network_demo"),
    ("peps.assessment.demo", "seed_assessment_network_demo"),
    ("peps.resourcepeople.demo", "seed_resourcepeople_network_demo"),
    ("peps.calls.demo", "seed_calls_network_demo"),
]

# Last, because a report reads everything above (contacts, funding, the campaign's results).
REPORT_DEMOS = [("peps.reports.demo", "seed_reports_demo")]


def _run(demos, *args) -> list[str]:
    done = []
    for module_name, function_name in demos:
        getattr(import_module(module_name), function_name)(*args)
        done.append(function_name)
    return done


def seed_capability_demos(pole: Pole) -> list[str]:
    """Run every capability's demo seeder; returns the names of those that ran."""
    return _run(CAPABILITY_DEMOS, pole) + _run(NETWORK_DEMOS) + _run(REPORT_DEMOS, pole)
