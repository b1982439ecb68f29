"""Background entry points of imports: thin, they call a service."""

from django_tasks import task

from . import registers, services


@task()
def run_import_task(*, job_id: int) -> bool:
    """Run a spreadsheet import; its state and report are recorded on the job."""
    return services.import_run(job_id=job_id) is not None


@task()
def load_register_task(*, load_id: int) -> bool:
    """Load an official register file (SIRENE or RNA) kept on the RegisterLoad row."""
    return registers.register_load_run(load_id=load_id) is not None
