"""A person's role in a pole, registered into the base's tenancy (peps.core.tenancy) by this
app's AppConfig.ready(): the base stays free of domain models."""

from peps.core.tenancy import PoleProvider
from peps.core.visibility import Visibility
from peps.directory.models import Representative, RepresentativeStatus

from .models import Membership, MembershipStatus, Pole, Role

# Which level of fields each role reads: see peps.core.visibility.
ROLE_VISIBILITY = {
    Role.MEMBER: Visibility.MEMBERS,
    Role.BOARD: Visibility.MEMBERS,
    Role.COORDINATOR: Visibility.COORDINATORS,
    Role.ADMIN: Visibility.COORDINATORS,
}


def lookup_role(person_id: int, pole_id: int) -> str | None:
    """The own membership first (one indexed lookup, the common case), then whether the
    person represents a member structure."""
    active = Membership.objects.filter(pole_id=pole_id, status=MembershipStatus.ACTIVE)
    role = active.filter(person_id=person_id).values_list("role", flat=True).first()
    if role is not None:
        return role
    represented = Representative.objects.filter(person_id=person_id, status=RepresentativeStatus.APPROVED)
    return Role.MEMBER if active.filter(structure_id__in=represented.values("structure_id")).exists() else None


PROVIDER = PoleProvider(
    pole_model=Pole, lookup_role=lookup_role, role_visibility=ROLE_VISIBILITY, admin_role=Role.ADMIN
)
