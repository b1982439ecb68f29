"""Background entry points of reports: thin, they call a service."""

from django_tasks import task

from . import services


@task()
def generate_report_pdf_task(*, report_id: int) -> bool:
    """Build the report's PDF; progress and failures are recorded on the report itself."""
    return services.report_build_pdf(report_id=report_id) is not None
