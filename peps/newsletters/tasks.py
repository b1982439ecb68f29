"""Background entry point of the newsletter: thin, it calls the service."""

from django_tasks import task

from . import services


@task()
def deliver_newsletter_task(*, newsletter_id: int) -> int:
    return services.newsletter_deliver(newsletter_id=newsletter_id)
