"""Background entry point of the accounts: building a personal data archive."""

from django_tasks import task

from . import services


@task()
def build_personal_data_export_task(*, export_id: int) -> None:
    services.personal_data_export_build(export_id=export_id)
