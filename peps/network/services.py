"""Writes of the network app: a pole's fiche (with its history), its centre and regions
computed from its territory, and the theme tags."""

from django.db import transaction
from django.db.models import Avg
from django.utils import timezone
from django.utils.text import slugify

from peps.core.text import build_search_text
from peps.poles.models import Pole, TerritoryUnit
from peps.territory.models import Region
from peps.territory.selectors import communes_in_units

from .models import COMPARISON_FIELDS, EMERGENCE_FIELDS, PoleProfile, PoleProfileChange, Theme

EDITABLE_FIELDS = ["public", *COMPARISON_FIELDS, *EMERGENCE_FIELDS]


def profile_of(pole: Pole) -> PoleProfile:
    """The pole's fiche, created empty the first time it is needed."""
    profile, _created = PoleProfile.objects.get_or_create(pole=pole)
    profile.pole = pole  # spares a query when the caller reads profile.pole
    return profile


def theme_get_or_create(*, name: str) -> Theme:
    """A tag by its name, whatever the case and accents typed, created when new."""
    name = " ".join(name.split())[:80]
    slug = slugify(name)[:60] or "theme"
    theme = Theme.objects.filter(slug=slug).first()
    return theme or Theme.objects.create(slug=slug, name=name[:1].upper() + name[1:])


def _search_text(profile: PoleProfile, *, themes=None, regions=None) -> str:
    pole = profile.pole
    themes = [t.name for t in (themes if themes is not None else profile.themes.all())]
    regions = [r.name for r in (regions if regions is not None else profile.regions.all())]
    return build_search_text(pole.name, pole.short_name, pole.territory_name, pole.tagline, *themes, *regions)


def profile_locate(*, pole: Pole) -> PoleProfile:
    """Store the pole's centre (mean of its communes' coordinates) and its regions; run when
    the territory changes and by `manage.py network_locate_poles`."""
    units = list(TerritoryUnit.objects.filter(pole=pole).values_list("kind", "code"))
    communes = communes_in_units(units)
    with transaction.atomic():
        profile = profile_of(pole)
        centre = communes.filter(latitude__isnull=False, longitude__isnull=False).aggregate(
            lat=Avg("latitude"), lng=Avg("longitude")
        )
        region_codes = set(communes.order_by().values_list("region_id", flat=True).distinct())
        # A region unit counts even when its communes are not imported.
        region_codes |= {code for kind, code in units if kind == "region"}
        regions = list(Region.objects.filter(code__in=region_codes))
        profile.regions.set(regions)
        profile.latitude = centre["lat"]
        profile.longitude = centre["lng"]
        profile.located_at = timezone.now()
        profile.search_text = _search_text(profile, regions=regions)
        profile.save(update_fields=["latitude", "longitude", "located_at", "search_text"])
    return profile


def poles_locate_all() -> int:
    """Locate every pole (fiches created where missing); returns how many."""
    count = 0
    for pole in Pole.objects.all().iterator():
        profile_locate(pole=pole)
        count += 1
    return count


def profile_update(
    *, pole: Pole, by, values: dict, themes: list[Theme] | None = None, new_themes: list[str] | None = None
) -> PoleProfile:
    """Change the fiche's grids and flag; records who changed which fields."""
    with transaction.atomic():
        profile = PoleProfile.objects.select_for_update().filter(pole=pole).first() or profile_of(pole)
        changed = []
        for name, value in values.items():
            if name not in EDITABLE_FIELDS or name == "themes":
                continue
            if getattr(profile, name) != value:
                setattr(profile, name, value)
                changed.append(name)
        if themes is not None or new_themes:
            wanted = list(themes if themes is not None else profile.themes.all())
            wanted += [theme_get_or_create(name=name) for name in (new_themes or []) if name.strip()]
            before = set(profile.themes.values_list("pk", flat=True))
            if before != {t.pk for t in wanted}:
                profile.themes.set(wanted)
                changed.append("themes")
        if changed:
            profile.updated_at = timezone.now()
            profile.updated_by = by
            profile.search_text = _search_text(profile)
            profile.save()
            PoleProfileChange.objects.create(profile=profile, by=by, fields=changed)
    return profile
