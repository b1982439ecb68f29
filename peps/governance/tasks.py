"""Background entry points of governance: thin, they call a service."""

from django_tasks import task

from . import services


@task()
def close_due_motions_task() -> int:
    return len(services.motions_close_due())
