"""A closed motion's page: its result, who voted what (open ballot) with each voter's name,
the decision's number in the register, and no voting box (the viewer's standing is not
looked up for it)."""

from peps.core.testing import factories as f
from peps.governance import services
from peps.governance.models import Decision

from . import factories as gf


def test_a_closed_motion_shows_its_ballots_and_decision_without_the_voting_box(
    client, pole, board, coordinator, django_assert_max_num_queries
):
    alice, bruno = f.member_of(pole, display_name="Alice Martin"), f.member_of(pole, display_name="Bruno Petit")
    for person in (alice, bruno, coordinator):
        gf.seat(board, person)
    motion = gf.motion(pole, body_=board, title="Adopter le budget")
    services.vote_cast(motion=motion, by=alice, voter_key=f"p{alice.pk}", choice="yes")
    services.vote_cast(motion=motion, by=bruno, voter_key=f"p{bruno.pk}", choice="no")
    services.vote_cast(motion=motion, by=coordinator, voter_key=f"p{coordinator.pk}", choice="yes")
    services.motion_close(motion=motion, by=coordinator)
    decision = Decision.objects.get(motion=motion)
    client.force_login(coordinator)
    client.get(motion.get_absolute_url())
    with django_assert_max_num_queries(10):
        page = client.get(motion.get_absolute_url()).content.decode()
    assert "Alice Martin" in page and "Bruno Petit" in page
    assert f"{decision.number}" in page
    assert 'id="vote-box"' not in page
