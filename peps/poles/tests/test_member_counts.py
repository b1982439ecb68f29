"""active_member_counts(): the pole's active people and structures, as the ORM counts them."""

import pytest
from django.db.models import Count, Q

from peps.core.testing import factories as f
from peps.poles.models import Membership, MembershipStatus
from peps.poles.selectors import active_member_counts

pytestmark = pytest.mark.django_db


def test_the_counts_are_the_orms(pole, other_pole):
    for _ in range(3):
        f.member_of(pole)
    f.member_of(other_pole)
    for status in (MembershipStatus.ACTIVE, MembershipStatus.ACTIVE, MembershipStatus.PENDING):
        Membership.objects.create(pole=pole, structure=f.StructureFactory(pole=pole), status=status)
    Membership.objects.filter(pole=pole, person__isnull=False).order_by("pk").first().delete()
    left = f.member_of(pole)
    Membership.objects.filter(person=left).update(status=MembershipStatus.LEFT)
    orm = Membership.objects.filter(pole=pole, status=MembershipStatus.ACTIVE).aggregate(
        people=Count("pk", filter=Q(person__isnull=False)),
        structures=Count("pk", filter=Q(structure__isnull=False)),
    )
    assert active_member_counts(pole) == orm == {"people": 2, "structures": 2}
