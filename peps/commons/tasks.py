"""Background jobs of the commons app; thin entry points that call a service."""

from django_tasks import task

from . import services


@task()
def send_overdue_reminders() -> int:
    """Remind borrowers of overdue loans (run daily by the scheduler or the command)."""
    return services.send_overdue_reminders()
