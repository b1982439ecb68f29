"""The board's page: its seat form offers the pole's colleges in their order (written from
the colleges the page lists, not read again), and a posted college is still checked."""

import re

from django.urls import reverse

from peps.core.testing import factories as f
from peps.governance.models import BodyMember


def test_the_seat_form_offers_the_colleges_and_checks_the_posted_one(client, pole, colleges, board, coordinator):
    client.force_login(coordinator)
    page = client.get(board.get_absolute_url()).content.decode()
    select = re.search(r'<select name="college".*?</select>', page, re.S).group(0)
    assert re.findall(r'<option value="(\d*)"', select) == ["", *(str(college.pk) for college in colleges)]
    assert "Réseaux et collectivités" in select
    seat_add = reverse("governance:seat_add", kwargs={"pole": pole.slug, "pk": board.pk})
    alice = f.member_of(pole, email="alice@example.org")
    foreign = f.CollegeFactory(name="Collège d’un autre pôle")
    form = {"email": alice.email, "role": "member", "mandate": "elected"}
    assert client.post(seat_add, {**form, "college": foreign.pk}).status_code == 400
    assert client.post(seat_add, {**form, "college": colleges[1].pk}).status_code == 302
    assert BodyMember.objects.get(body=board, person=alice).college == colleges[1]
