"""proxy_give / proxy_revoke and voting with a proxy in a general meeting."""

import pytest
from django.core.exceptions import ValidationError

from peps.governance import services
from peps.governance.eligibility import standing
from peps.governance.models import Participation

from . import factories as gf


def test_a_holder_casts_the_vote_of_the_member_who_gave_the_proxy(pole, general_meeting):
    giver, holder = gf.paid_member(pole), gf.paid_member(pole)
    services.proxy_give(body=general_meeting, by=giver, holder=holder)
    motion = gf.motion(pole, body_=general_meeting)
    keys = [v.key for v in standing(motion=motion, user=holder).voters]
    assert keys == [f"p{holder.pk}", f"p{giver.pk}"]
    services.vote_cast(motion=motion, by=holder, voter_key=f"p{giver.pk}", choice="yes")
    participation = Participation.objects.get(motion=motion)
    assert (participation.person, participation.cast_by, participation.by_proxy) == (giver, holder, True)
    assert "donné pouvoir" in standing(motion=motion, user=giver).reasons[0]


def test_the_maximum_of_proxies_per_person_holds(pole, general_meeting):
    holder = gf.paid_member(pole)
    for _ in range(2):
        services.proxy_give(body=general_meeting, by=gf.paid_member(pole), holder=holder)
    with pytest.raises(ValidationError, match="le maximum"):
        services.proxy_give(body=general_meeting, by=gf.paid_member(pole), holder=holder)


def test_a_revoked_proxy_frees_a_place_and_gives_the_vote_back(pole, general_meeting):
    giver, holder = gf.paid_member(pole), gf.paid_member(pole)
    proxy = services.proxy_give(body=general_meeting, by=giver, holder=holder)
    services.proxy_revoke(proxy=proxy, by=giver)
    motion = gf.motion(pole, body_=general_meeting)
    assert [v.key for v in standing(motion=motion, user=giver).voters] == [f"p{giver.pk}"]


def test_proxies_only_between_members_up_to_date_and_only_where_the_rules_allow_them(pole, general_meeting, commission):
    paid, unpaid = gf.paid_member(pole), gf.paid_member(pole, paid=False)
    with pytest.raises(ValidationError, match="ne peut pas recevoir"):
        services.proxy_give(body=general_meeting, by=paid, holder=unpaid)
    with pytest.raises(ValidationError, match="Seul un membre"):
        services.proxy_give(body=general_meeting, by=unpaid, holder=paid)
    with pytest.raises(ValidationError, match="n’admettent pas les pouvoirs"):
        services.proxy_give(body=commission, by=paid, holder=gf.paid_member(pole))
    with pytest.raises(ValidationError, match="soi-même"):
        services.proxy_give(body=general_meeting, by=paid, holder=paid)


def test_one_active_proxy_per_giver(pole, general_meeting):
    giver = gf.paid_member(pole)
    services.proxy_give(body=general_meeting, by=giver, holder=gf.paid_member(pole))
    with pytest.raises(ValidationError, match="déjà donné"):
        services.proxy_give(body=general_meeting, by=giver, holder=gf.paid_member(pole))


def test_a_held_proxy_votes_only_while_its_giver_still_votes(pole, general_meeting):
    """A person's and a structure's proxies give the holder their votes; when the giver's fee
    is no longer paid, or its membership ended, the holder no longer votes for it."""
    from peps.core.testing import factories as f
    from peps.directory.models import Representative
    from peps.poles.models import Membership, MembershipFee

    holder, giver = gf.paid_member(pole), gf.paid_member(pole)
    structure = f.StructureFactory(pole=pole, name="La Coop")
    gf.pay(Membership.objects.create(pole=pole, structure=structure))
    representative = f.UserFactory()
    Representative.objects.create(structure=structure, person=representative, status="approved")
    services.proxy_give(body=general_meeting, by=giver, holder=holder)
    services.proxy_give(body=general_meeting, by=representative, holder=holder, giver_structure=structure)
    motion = gf.motion(pole, body_=general_meeting)
    keys = [v.key for v in standing(motion=motion, user=holder).voters]
    assert keys == [f"p{holder.pk}", f"p{giver.pk}", f"s{structure.pk}"]

    MembershipFee.objects.filter(membership__person=giver).update(paid_on=None)
    keys = [v.key for v in standing(motion=motion, user=holder).voters]
    assert keys == [f"p{holder.pk}", f"s{structure.pk}"]

    Membership.objects.filter(structure=structure).update(status="left")
    assert [v.key for v in standing(motion=motion, user=holder).voters] == [f"p{holder.pk}"]
    # The giver, no longer up to date, votes neither in person nor through the holder.
    assert [v.key for v in standing(motion=motion, user=giver).voters] == []
