"""The network demo: the poles of the 2012 référentiel questionnaire (real names, public
information) and fictional PTCE to reach 29, a fictional pôle de compétitivité for contrast,
and the fiches of POLLENS and of the museums network. Idempotent."""

import csv
import re
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from peps.poles.models import Pole, PoleKind, PoleLegalForm, TerritoryUnit, TerritoryUnitKind
from peps.poles.selectors import unit_label
from peps.territory.models import EPCI, Commune, Departement

from . import demo_data as data
from .services import profile_locate, profile_update, theme_get_or_create

CSV_PATH = Path(__file__).parent / "data" / "ptce-poles-2012.csv"
POLLENS_SLUG = "pollens"
PATRIMOINES_SLUG = "patrimoines-roannais"  # as in peps/demo/demo.py
EXTRA_PTCE_SLUG = "ptce-demo-{:02d}"
MINIMUM_PTCE = 29


def read_2012_poles() -> list[dict]:
    with CSV_PATH.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _place_candidates(place: str) -> list[str]:
    """« Montpellier area » → Montpellier; « Sicoval (south-east of Toulouse) » → Sicoval."""
    bare = re.sub(r"\s*\(.*\)\s*", "", place).strip()
    candidates = [place.strip(), bare, re.sub(r"\s+area$", "", bare)]
    return list(dict.fromkeys(c for c in candidates if c))


def unit_for_place(place: str, region_2012: str) -> tuple[str, str, str] | None:
    """(kind, code, label) of the commune, département or EPCI named by `place` in the
    region; None when nothing real matches (e.g. an old region name, or « Pays de Vilaine »)."""
    region = data.REGIONS_2012.get(region_2012)
    for name in _place_candidates(place):
        communes = Commune.objects.filter(name=name)
        if region:
            communes = communes.filter(region_id=region)
        commune = communes.order_by("-population").first()
        if commune:
            return TerritoryUnitKind.COMMUNE, commune.code, str(commune)
        departements = Departement.objects.filter(name=name)
        if region:
            departements = departements.filter(region_id=region)
        departement = departements.first()
        if departement:
            return TerritoryUnitKind.DEPARTEMENT, departement.code, departement.name
        epci = EPCI.objects.filter(name__endswith=f" {name}").first() if len(name) > 3 else None
        if epci:
            return TerritoryUnitKind.EPCI, epci.code, epci.name
    return None


# Names that a sentence introduces with « le » (« Rejoindre le Pôle Sud Archer »).
MASCULINE_HEADS = ("Pôle", "PTCE", "Réseau")


def _pole(slug: str, **defaults) -> Pole:
    name = defaults.get("name", "")
    defaults.setdefault("article", "le" if name.split(" ", 1)[0] in MASCULINE_HEADS else "")
    pole, _created = Pole.objects.get_or_create(slug=slug, defaults={"is_demo": True, **defaults})
    return pole


def _units(pole: Pole, units: list[tuple[str, str, str]]) -> None:
    TerritoryUnit.objects.bulk_create(
        [TerritoryUnit(pole=pole, kind=kind, code=code, label=label) for kind, code, label in units],
        ignore_conflicts=True,
    )


def _describe(pole: Pole, values: dict, theme_names: list[str]) -> None:
    themes = [theme_get_or_create(name=name) for name in theme_names]
    profile_update(pole=pole, by=None, values=values, themes=themes)
    profile_locate(pole=pole)


def _poles_of_2012() -> list[Pole]:
    poles = []
    for row in read_2012_poles():
        pole = _pole(
            slugify(row["name"])[:60],
            name=row["name"],
            kind=PoleKind.PTCE,
            legal_form=PoleLegalForm.OTHER,
            territory_name=row["place"],
            tagline=data.PARTICIPATION_2012,
        )
        unit = unit_for_place(row["place"], row["region_2012"])
        if unit:
            _units(pole, [unit])
        context = " ".join(filter(None, [data.PARTICIPATION_2012, data.NOTES.get(row["note"], "")]))
        _describe(pole, {"context": context}, [])
        poles.append(pole)
    return poles


def _extra_ptce(count: int) -> list[Pole]:
    """Fictional PTCE, one per département not used yet, named plainly as demo poles."""
    used = set(TerritoryUnit.objects.filter(kind=TerritoryUnitKind.DEPARTEMENT).values_list("code", flat=True))
    free = list(Departement.objects.exclude(code__in=used).filter(code__lt="96").order_by("code")[::7])
    poles = []
    for index in range(count):
        slug = EXTRA_PTCE_SLUG.format(index + 1)
        existing = Pole.objects.filter(slug=slug).first()
        if existing:
            poles.append(existing)
            continue
        departement = free[index] if index < len(free) else None
        where = f" — {departement.name}" if departement else ""
        pole = _pole(
            slug,
            name=f"PTCE de démonstration n° {index + 1}{where}",
            kind=PoleKind.PTCE,
            legal_form=PoleLegalForm.ASSOCIATION,
            territory_name=departement.name if departement else "",
            tagline="Pôle fictif, créé pour la démonstration du réseau.",
        )
        if departement:
            _units(pole, [(TerritoryUnitKind.DEPARTEMENT, departement.code, departement.name)])
        themes = data.EXTRA_PTCE_THEMES[index % len(data.EXTRA_PTCE_THEMES)]
        _describe(
            pole,
            {"purposes": "Pôle fictif, créé pour la démonstration du réseau.", "approach": "bottom_up"},
            themes,
        )
        poles.append(pole)
    return poles


def _competitive() -> Pole:
    pole = _pole(
        data.COMPETITIVE_SLUG,
        name=data.COMPETITIVE_NAME,
        kind=PoleKind.COMPETITIVENESS,
        legal_form=PoleLegalForm.ASSOCIATION,
        territory_name="Loire et Rhône",
        tagline="Pôle de compétitivité fictif, décrit pour contraste comme le fait l’étude de référence.",
    )
    units = [
        (TerritoryUnitKind.DEPARTEMENT, d.code, unit_label("departement", d.name))
        for d in Departement.objects.filter(code__in=["42", "69"])
    ]
    _units(pole, units)
    _describe(pole, data.COMPETITIVE_PROFILE, data.COMPETITIVE_THEMES)
    return pole


def seed_network_network_demo() -> dict:
    """Create the network's demo poles and fiches; running it again changes nothing."""
    with transaction.atomic():
        of_2012 = _poles_of_2012()
        # 18 poles in the CSV + 11 fictional ones = the 29 poles that answered in 2012.
        extra = _extra_ptce(max(data.EXTRA_PTCE_COUNT, MINIMUM_PTCE - len(of_2012)))
        competitive = _competitive()
        described = {}
        for slug, values, themes in [
            (POLLENS_SLUG, data.POLLENS_PROFILE, data.POLLENS_THEMES),
            (PATRIMOINES_SLUG, data.PATRIMOINES_PROFILE, data.PATRIMOINES_THEMES),
        ]:
            pole = Pole.objects.filter(slug=slug).first()
            if pole is not None:
                _describe(pole, values, themes)
                described[slug] = pole
    return {"poles_2012": of_2012, "extra_ptce": extra, "competitive": competitive, "described": described}
