"""Background jobs of partnerships. Tasks are thin: they call a service."""

from django_tasks import task


@task()
def notify_strong_matches_task(*, offer_id: int) -> int:
    """Run the matching for a new or changed offer and tell the holders of strong matches."""
    from .services import offer_notify_strong_matches

    return offer_notify_strong_matches(offer_id=offer_id)
