"""A person's role in a pole, registered into the base's tenancy (peps.core.tenancy) by this
app's AppConfig.ready(): the base stays free of domain models."""

from django.db import connection

from peps.core.sql import model_columns, model_from_row
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
    person represents a member structure. Asked on every page of a pole a signed-in person
    opens: a person has one membership per pole at most (a unique constraint), so the row is
    read without first()'s ORDER BY (a third less of the ORM's work)."""
    active = Membership.objects.filter(pole_id=pole_id, status=MembershipStatus.ACTIVE)
    role = next(iter(active.filter(person_id=person_id).values_list("role", flat=True)[:1]), None)
    if role is not None:
        return role
    represented = Representative.objects.filter(person_id=person_id, status=RepresentativeStatus.APPROVED)
    return Role.MEMBER if active.filter(structure_id__in=represented.values("structure_id")).exists() else None


# lookup_role() as one column of the pole's own query: every page of a pole asks for the pole
# and the role of the person reading it, one query instead of two (three for someone who is
# not a member). Written out, the pole's columns too: the ORM's Subquery/Exists version
# compiled in about 3 ms, its annotated query with the role as RawSQL in 1 ms, ten times the
# read. The same two lookups, in the same order: the own active membership (at most one per
# pole), then an active membership of a structure the person is an approved representative of.
_ROLE_SQL = (
    "COALESCE("
    "(SELECT m.role FROM poles_membership m"
    " WHERE m.pole_id = poles_pole.id AND m.status = %s AND m.person_id = %s LIMIT 1), "
    "(SELECT %s FROM poles_membership m JOIN directory_representative r ON r.structure_id = m.structure_id"
    " WHERE m.pole_id = poles_pole.id AND m.status = %s AND r.person_id = %s AND r.status = %s LIMIT 1))"
)


def pole_with_role(slug: str, person_id: int | None) -> tuple[Pole, str | None] | None:
    """The pole of a slug and the person's role in it (what lookup_role() says; None for a
    visitor, `person_id` None), or None when no pole has that slug."""
    if person_id is None:
        role, params = "NULL", [slug]
    else:
        active, approved = MembershipStatus.ACTIVE, RepresentativeStatus.APPROVED
        role, params = _ROLE_SQL, [active, person_id, Role.MEMBER, active, person_id, approved, slug]
    sql = f"SELECT {model_columns(Pole)}, {role} FROM poles_pole WHERE poles_pole.slug = %s LIMIT 1"  # noqa: S608 - the model's quoted columns, values as parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return None if row is None else (model_from_row(Pole, row), row[-1])


PROVIDER = PoleProvider(
    pole_model=Pole,
    lookup_role=lookup_role,
    role_visibility=ROLE_VISIBILITY,
    admin_role=Role.ADMIN,
    pole_with_role=pole_with_role,
)
