"""Background jobs of the agenda: thin entry points that call a service."""

from django_tasks import task

from . import services


@task()
def send_event_reminders() -> int:
    """Daily: remind confirmed people of tomorrow's events (see services.event_send_reminders)."""
    return services.event_send_reminders()
