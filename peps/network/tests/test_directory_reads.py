"""The directory's and the map's written-out reads hold to the ORM's answer: the rows of a
page (fiche, regions, themes, members count) and the choices of the filters."""

from django.db.models import Count, OuterRef, Prefetch, Subquery

from peps.core.testing import factories as f
from peps.network import selectors, services
from peps.network.models import Theme
from peps.poles.models import Membership, MembershipStatus, Pole
from peps.territory.models import Region

from .factories import many_poles


def orm_rows(ids):
    """What the directory read before: select_related, an annotation and two prefetches."""
    members = (
        Membership.objects.filter(pole=OuterRef("pk"), status=MembershipStatus.ACTIVE)
        .order_by()
        .values("pole")
        .annotate(n=Count("pk"))
        .values("n")
    )
    poles = (
        Pole.objects.filter(pk__in=ids)
        .select_related("profile")
        .prefetch_related(
            Prefetch("profile__regions", queryset=Region.objects.order_by("name")),
            Prefetch("profile__themes", queryset=Theme.objects.order_by("name")),
        )
        .annotate(members_count=Subquery(members))
    )
    by_id = {pole.pk: pole for pole in poles}
    return [by_id[pk] for pk in ids]


def shown(pole, regions, themes, members) -> tuple:
    profile = getattr(pole, "profile", None)
    return (
        pole.pk,
        pole.slug,
        pole.name,
        pole.short_name,
        pole.kind,
        pole.territory_name,
        pole.tagline,
        pole.is_demo,
        profile and (profile.pk, profile.public, profile.latitude, profile.longitude),
        profile and [r.pk for r in regions(profile)],
        profile and [t.pk for t in themes(profile)],
        members(pole) or 0,
    )


def test_the_rows_are_the_orms(db, located_pole, competitive_pole, member):
    many_poles(6)
    bare = f.PoleFactory(name="Sans fiche")  # no profile: None, as select_related leaves it
    services.profile_update(pole=competitive_pole, by=None, values={"public": False}, new_themes=["Énergie", "Culture"])
    Membership.objects.create(pole=located_pole, person=f.UserFactory(), status=MembershipStatus.LEFT)
    ids = list(Pole.objects.order_by("-name").values_list("pk", flat=True))
    read = selectors._poles_in_order(ids)
    assert bare.pk in [pole.pk for pole in read]
    assert [shown(p, lambda x: x.region_list, lambda x: x.theme_list, lambda p: p.members_count) for p in read] == [
        shown(p, lambda x: x.regions.all(), lambda x: x.themes.all(), lambda p: p.members_count) for p in orm_rows(ids)
    ]
    assert all(p.get_deferred_fields() >= {"purpose", "charter"} for p in read)


def test_the_filter_choices_are_the_orms(db, located_pole, competitive_pole, other_pole):
    many_poles(3)
    services.profile_update(pole=other_pole, by=None, values={"public": False}, new_themes=["Secret"])
    regions = Region.objects.filter(pole_profiles__isnull=False).distinct().order_by("name")
    themes = Theme.objects.filter(profiles__public=True).distinct().order_by("name")
    assert selectors.filter_choices() == (
        [(r.code, r.name) for r in regions],
        [(t.slug, t.name) for t in themes],
    )
    assert ("secret", "Secret") not in selectors.filter_choices()[1]
