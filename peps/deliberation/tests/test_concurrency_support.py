"""One support per person even when the same person's requests race (real threads and
connections; run on SQLite and on PostgreSQL)."""

import threading

import pytest
from django.db import close_old_connections, connection

from peps.core.testing import factories as f
from peps.deliberation import services
from peps.deliberation.models import Proposal, ProposalSupport

from .factories import ConsultationFactory, ProposalFactory

THREADS = 12


def _race(target, count: int) -> list:
    barrier = threading.Barrier(count)
    results, errors = [], []

    def run(index):
        try:
            barrier.wait(timeout=10)
            results.append(target(index))
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors


@pytest.mark.django_db(transaction=True)
def test_the_same_person_supporting_at_once_counts_once():
    pole = f.PoleFactory(slug="pollens")
    person = f.member_of(pole, email="course@example.org")
    proposal = ProposalFactory(consultation=ConsultationFactory(pole=pole))

    results, errors = _race(
        lambda _i: services.proposal_support(
            proposal=Proposal.objects.select_related("consultation").get(pk=proposal.pk), person=person
        ),
        THREADS,
    )
    # SQLite may refuse a concurrent writer ("database is locked"): that request failed, it did
    # not count twice. What must hold: exactly one support row, and the counter agrees.
    assert all("locked" in str(e) for e in errors), errors
    assert results.count(True) == 1
    assert ProposalSupport.objects.filter(proposal=proposal, person=person).count() == 1
    assert Proposal.objects.get(pk=proposal.pk).supports_count == 1


@pytest.mark.django_db(transaction=True)
def test_many_people_supporting_at_once_are_all_counted():
    pole = f.PoleFactory(slug="pollens")
    people = [f.member_of(pole, email=f"personne{i}@example.org") for i in range(THREADS)]
    proposal = ProposalFactory(consultation=ConsultationFactory(pole=pole))

    results, errors = _race(
        lambda i: services.proposal_support(
            proposal=Proposal.objects.select_related("consultation").get(pk=proposal.pk), person=people[i]
        ),
        THREADS,
    )
    assert all("locked" in str(e) for e in errors), errors
    rows = ProposalSupport.objects.filter(proposal=proposal).count()
    assert rows == results.count(True) and rows >= 1
    assert Proposal.objects.get(pk=proposal.pk).supports_count == rows
    if connection.vendor == "postgresql":
        assert rows == THREADS
