"""Factories of the network app: many poles with fiches, regions, themes and members."""

from peps.accounts.models import User
from peps.core.testing import factories as f
from peps.network.models import PoleProfile, Theme
from peps.poles.models import Membership, Pole


def many_poles(count: int, *, prefix: str = "reseau") -> list[Pole]:
    """`count` located and tagged poles across two regions, each with two members; written
    in bulk because the query-count tests need a hundred of them."""
    aura = f.RegionFactory(code="84", name="Auvergne-Rhône-Alpes")
    bretagne = f.RegionFactory(code="53", name="Bretagne")
    culture = Theme.objects.get_or_create(slug="culture", defaults={"name": "Culture"})[0]
    energie = Theme.objects.get_or_create(slug="energie", defaults={"name": "Énergie"})[0]
    poles = Pole.objects.bulk_create(
        [Pole(slug=f"{prefix}-{n:03d}", name=f"Pôle {prefix} {n:03d}") for n in range(count)]
    )
    profiles = PoleProfile.objects.bulk_create(
        [
            PoleProfile(
                pole=pole,
                latitude=45 + n / 100,
                longitude=4.0,
                purposes=f"Finalités du pôle {n}",
                search_text=f"pole {prefix} {n:03d}",
            )
            for n, pole in enumerate(poles)
        ]
    )
    Regions = PoleProfile.regions.through
    Themes = PoleProfile.themes.through
    Regions.objects.bulk_create(
        [Regions(poleprofile=p, region=aura if n % 2 == 0 else bretagne) for n, p in enumerate(profiles)]
    )
    Themes.objects.bulk_create(
        [Themes(poleprofile=p, theme=t) for n, p in enumerate(profiles) for t in [culture, energie][: 1 + n % 2]]
    )
    users = User.objects.bulk_create(
        [
            User(email=f"{prefix}{n}-{m}@example.org", display_name=f"Membre {n}-{m}")
            for n in range(count)
            for m in range(2)
        ]
    )
    Membership.objects.bulk_create([Membership(pole=poles[i // 2], person=user) for i, user in enumerate(users)])
    return poles
