"""While an import runs, its page polls a progress bar; the coordination may cancel it."""

import json

from django.urls import reverse

from peps.imports.models import ImportJob, ImportStatus


def make_job(pole, coordinator, status):
    return ImportJob.objects.create(
        pole=pole, kind="structures", created_by=coordinator, original_name="f.csv", file_format="csv", status=status
    )


def test_the_status_box_polls_the_workers_progress(client, pole, coordinator):
    job = make_job(pole, coordinator, ImportStatus.RUNNING)
    job.folder.mkdir(parents=True)
    (job.folder / "progress.json").write_text(json.dumps({"progress": 42, "done": 420}))
    client.force_login(coordinator)
    url = reverse("imports:detail", kwargs={"pole": pole.slug, "pk": job.pk})
    partial = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert partial.startswith('<div id="import-status"')
    assert 'value="42"' in partial and 'hx-trigger="every 2s"' in partial
    assert "<html" not in partial


def test_cancelling_a_running_import_leaves_a_request_for_the_worker(client, pole, coordinator):
    job = make_job(pole, coordinator, ImportStatus.RUNNING)
    client.force_login(coordinator)
    client.post(reverse("imports:cancel", kwargs={"pole": pole.slug, "pk": job.pk}))
    assert (job.folder / "cancel").exists()


def test_cancelling_a_queued_import_stops_it_before_it_starts(client, pole, coordinator):
    from peps.imports import services

    job = make_job(pole, coordinator, ImportStatus.QUEUED)
    client.force_login(coordinator)
    client.post(reverse("imports:cancel", kwargs={"pole": pole.slug, "pk": job.pk}))
    job.refresh_from_db()
    assert job.status == ImportStatus.CANCELLED
    assert services.import_run(job_id=job.pk) is None
