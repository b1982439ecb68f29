"""Background entry points of the self-assessment: thin, they call a service."""

from django_tasks import task

from . import services


@task()
def remind_late_poles_task() -> int:
    return len(services.campaigns_remind())
