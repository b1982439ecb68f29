import pytest

from peps.core.pagination import paginate
from peps.core.testing.factories import PoleFactory
from peps.poles.models import Pole


@pytest.mark.django_db
def test_paginate_in_sql_with_next_page_and_total(rf):
    PoleFactory.create_batch(25)
    page = paginate(Pole.objects.order_by("pk"), rf.get("/?page=2"), per_page=10)
    assert page.number == 2 and page.has_next and page.has_previous
    assert page.total == 25 and page.num_pages == 3
    assert len(page.items) == 10


@pytest.mark.django_db
@pytest.mark.parametrize("raw", ["abc", "-3", "0", ""])
def test_a_bad_page_number_gives_the_first_page(rf, raw):
    PoleFactory.create_batch(3)
    assert paginate(Pole.objects.all(), rf.get(f"/?page={raw}")).number == 1
