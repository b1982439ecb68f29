"""What the structured answers say about a need and an offer: hard misfits (the offer cannot
serve the need: too small, out of its eligibility, never available when needed), soft fits
(same nature of resource, part of the days) and remote or travelling partners, each with its
French reason. The engine ranks every offer with a misfit after every offer without one,
and shows why; nothing is dropped.

Both sides are the `facts` of the index documents (indexing.facts_of): only answers given are
there, an absent answer constrains nothing.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from peps.partnerships.models import Beneficiary, Category, DayPart, Kind, Period, Weekday

# Natures that can stand in for each other, a little (1 for the same nature).
_RELATED_KINDS = {
    frozenset({Kind.MEETING_ROOM, Kind.WORKSHOP}): 0.4,
    frozenset({Kind.OFFICE, Kind.MEETING_ROOM}): 0.3,
    frozenset({Kind.WORKSHOP, Kind.STORAGE}): 0.3,
    frozenset({Kind.GRANT, Kind.DONATION}): 0.6,
    frozenset({Kind.DONATION, Kind.SPONSORSHIP}): 0.8,
    frozenset({Kind.GRANT, Kind.SPONSORSHIP}): 0.6,
    frozenset({Kind.LOAN, Kind.EQUITY}): 0.3,
}

# A year of 52 weeks as 8 slots (season × school term or holidays), each weighted by its weeks.
_SEASONS = ("spring", "summer", "autumn", "winter")
_WEEKS = {
    ("spring", "term"): 9,
    ("spring", "holidays"): 4,
    ("summer", "term"): 4,
    ("summer", "holidays"): 9,
    ("autumn", "term"): 11,
    ("autumn", "holidays"): 2,
    ("winter", "term"): 9,
    ("winter", "holidays"): 4,
}
# A recurring need is served if the offer is there at least this share of its weeks.
RECURRING_COVERAGE = 0.5

# « la Loire », « le Rhône »: the départements around the Roannais have their article; others
# are shown by name and number.
_WITH_ARTICLE = {
    "01": "l’Ain",
    "03": "l’Allier",
    "42": "la Loire",
    "43": "la Haute-Loire",
    "63": "le Puy-de-Dôme",
    "69": "le Rhône",
    "71": "la Saône-et-Loire",
}


@dataclass
class Fit:
    """What the structured answers say about one pair."""

    misfits: list[str] = field(default_factory=list)  # hard: ranked after every pair without
    notes: list[str] = field(default_factory=list)  # good news worth saying
    warnings: list[str] = field(default_factory=list)  # soft doubts worth saying
    kind: float = 0.5  # 1 same nature, 0 another, ½ unknown
    schedule: float = 1.0  # share of the needed days and times the offer covers
    remote: bool = False  # distance does not apply
    travels_km: float = 0.0  # the offer (or the need) travels this far


def _slots(periods: list[str]) -> set[tuple[str, str]]:
    if not periods:
        return set(_WEEKS)
    slots: set[tuple[str, str]] = set()
    for period in periods:
        if period == Period.SCHOOL_TERM:
            slots |= {(s, "term") for s in _SEASONS}
        elif period == Period.SCHOOL_HOLIDAYS:
            slots |= {(s, "holidays") for s in _SEASONS}
        elif period in _SEASONS:
            slots |= {(period, "term"), (period, "holidays")}
    return slots or set(_WEEKS)


def _weeks(slots: set[tuple[str, str]]) -> int:
    return sum(_WEEKS[s] for s in slots)


def _labels(choices, values: list[str]) -> str:
    labels = dict(choices.choices)
    return ", ".join(str(labels.get(v, v)) for v in values)


@lru_cache(maxsize=256)
def departement_phrase(code: str) -> str:
    if code in _WITH_ARTICLE:
        return _WITH_ARTICLE[code]
    from peps.territory.models import Departement

    name = Departement.objects.filter(code=code).values_list("name", flat=True).first()
    return f"{name} ({code})" if name else code


def _epci_names(codes: list[str]) -> str:
    from peps.territory.models import EPCI

    names = dict(EPCI.objects.filter(code__in=codes).values_list("code", "name"))
    return ", ".join(names.get(c, c) for c in codes)


# Words that name a nature (folded, before stemming), for rows whose author did not choose one:
# the first engine's 300 offers, imports, and everyone who skips the optional question.
_KIND_WORDS = {
    "premises": {
        Kind.MEETING_ROOM: "salle salles reunion reunions polyvalente fetes chapelle grange dojo gymnase",
        Kind.WORKSHOP: "atelier ateliers fablab menuiserie",
        Kind.OFFICE: "bureau bureaux coworking poste postes permanence",
        Kind.KITCHEN: "cuisine cuisines laboratoire labo transformation",
        Kind.STORAGE: "entrepot entrepots stockage stocker hangar hangars depot box cave garage ranger",
        Kind.SHOP: "boutique vitrine commerce commercial magasin",
        Kind.HOUSING: "hebergement heberger gite gites loger logement chambres lits dortoirs auberge",
        Kind.LAND: "terrain terrains terre terres parcelle parcelles hectare hectares jardin champs pres",
    },
    "funding": {
        Kind.GRANT: "subvention subventions aide aides dotation bourse appel",
        Kind.LOAN: "pret prets emprunt emprunter credit credits microcredit avance",
        Kind.DONATION: "don dons collecte collecter arrondi",
        Kind.SPONSORSHIP: "mecene mecenes mecenat sponsor parrainage",
        Kind.EQUITY: "capital investisseurs investissement fonds propres parts actionnaires cigales",
    },
    "volunteering": {
        Kind.REGULAR: "regulier reguliere regulierement reguliers hebdomadaire fideles semaine mois",
        Kind.ONE_OFF: "ponctuel ponctuelle ponctuellement journee evenement evenements festival fete fetes",
    },
}
_KIND_OF_WORD = {
    category: {word: kind for kind, words in kinds.items() for word in words.split()}
    for category, kinds in _KIND_WORDS.items()
}
# Agreement of two guessed natures counts less than two stated ones.
GUESSED_SAME, GUESSED_OTHER = 0.8, 0.3


def guess_kind(category: str, title: str, description: str) -> str:
    """The nature most named in the title (then the description), or "" if none."""
    words = _KIND_OF_WORD.get(category)
    if not words:
        return ""
    from peps.core.text import fold

    for text in (title, description):
        counts: dict[str, int] = {}
        for word in fold(text or "").lower().replace("’", " ").replace("'", " ").split():
            kind = words.get(word.strip('.,;:!?()«»"-'))
            if kind:
                counts[kind] = counts.get(kind, 0) + 1
        if counts:
            return max(sorted(counts), key=lambda k: counts[k])
    return ""


def kind_fit(
    need_kind: str | None, offer_kind: str | None, need_guess: str | None = None, offer_guess: str | None = None
) -> float:
    """1 for the same stated nature, a little for close ones, 0 for another; from guesses
    (words of the texts) when a side did not say, with less weight; ½ when nothing is known."""
    a, b = need_kind or need_guess, offer_kind or offer_guess
    if not a or not b:
        return 0.5
    stated = bool(need_kind and offer_kind)
    if a == b:
        return 1.0 if stated else GUESSED_SAME
    related = _RELATED_KINDS.get(frozenset({a, b}), 0.0)
    return related if stated else max(related, GUESSED_OTHER)


def assess(need: Mapping, offer: Mapping) -> Fit:
    """`need` and `offer` are index rows (category, epci_code, facts…)."""
    n, o = need.get("facts") or {}, offer.get("facts") or {}
    fit = Fit(kind=kind_fit(n.get("kind"), o.get("kind"), n.get("kind_guess"), o.get("kind_guess")))
    # Each check runs only when an answer it needs was given (most rows give few): the same fit
    # without reading every answer of every pair, for each of a query's candidates.
    if n.get("capacity") or n.get("area_m2"):
        _capacity(n, o, offer["category"], fit)
    if o.get("served_departements") or o.get("served_epcis") or o.get("beneficiaries"):
        _eligibility(need, n, o, offer["category"], fit)
    if o.get("weekdays") or o.get("day_parts") or o.get("periods") or o.get("kind") == Kind.ONE_OFF:
        _schedule(n, o, fit)
    if o.get("remote_ok") or o.get("travels") or n.get("travels"):
        _distance(need, offer, fit)
    if n.get("kind") and o.get("kind") and fit.kind == 1.0:
        fit.notes.append(str(Kind(o["kind"]).label).lower())
    if n.get("skilled") and not o.get("skilled") and offer["category"] in (Category.VOLUNTEERING, Category.SKILLS):
        fit.kind = min(fit.kind, 0.5)
    return fit


def _capacity(n: Mapping, o: Mapping, category: str, fit: Fit) -> None:
    wanted, offered = n.get("capacity"), o.get("capacity")
    if wanted and offered:
        if offered < wanted:
            if category == Category.PREMISES:
                fit.misfits.append(
                    _("salle de %(offered)s places : trop petite pour %(wanted)s personnes")
                    % {"offered": offered, "wanted": wanted}
                )
            else:
                fit.misfits.append(
                    _("prévu pour %(offered)s personnes : trop peu pour %(wanted)s")
                    % {"offered": offered, "wanted": wanted}
                )
        else:
            fit.notes.append(ngettext("jusqu’à %(n)s personne", "jusqu’à %(n)s personnes", offered) % {"n": offered})
    wanted, offered = n.get("area_m2"), o.get("area_m2")
    if wanted and offered:
        # 10 % less is still a fit: surfaces are given roughly.
        if offered < 0.9 * wanted:
            fit.misfits.append(
                _("%(offered)s m² : trop petit pour les %(wanted)s m² demandés")
                % {"offered": number_format(offered), "wanted": number_format(wanted)}
            )
        else:
            fit.notes.append(_("%(offered)s m²") % {"offered": number_format(offered)})


def _eligibility(need: Mapping, n: Mapping, o: Mapping, category: str, fit: Fit) -> None:
    served = o.get("served_departements") or []
    departement = n.get("departement")
    if served and departement and departement not in served:
        places = ", ".join(departement_phrase(code) for code in served)
        if category == Category.FUNDING:
            fit.misfits.append(_("finance seulement %(places)s") % {"places": places})
        else:
            fit.misfits.append(_("intervient seulement dans %(places)s") % {"places": places})
    epcis = o.get("served_epcis") or []
    if epcis and need.get("epci_code") and need["epci_code"] not in epcis:
        fit.misfits.append(_("réservé au territoire de %(names)s") % {"names": _epci_names(epcis)})
    reserved = o.get("beneficiaries") or []
    if reserved:
        carried_by = n.get("beneficiaries") or []
        phrase = _("réservé aux %(whom)s") % {"whom": _labels(Beneficiary, reserved)}
        if carried_by and not set(carried_by) & set(reserved):
            fit.misfits.append(phrase)
        elif not carried_by:
            fit.warnings.append(_("%(phrase)s : à vérifier") % {"phrase": phrase})


def _schedule(n: Mapping, o: Mapping, fit: Fit) -> None:
    shares = []
    need_days, offer_days = n.get("weekdays") or [], o.get("weekdays") or []
    if need_days and offer_days:
        common = set(need_days) & set(offer_days)
        if not common:
            fit.misfits.append(_("disponible seulement le %(days)s") % {"days": _labels(Weekday, offer_days)})
        else:
            shares.append(len(common) / len(set(need_days)))
            if len(common) < len(set(need_days)):
                fit.warnings.append(
                    _("disponible le %(days)s seulement") % {"days": _labels(Weekday, sorted(common, key=_day_order))}
                )
    need_parts, offer_parts = n.get("day_parts") or [], o.get("day_parts") or []
    if need_parts and offer_parts:
        common = set(need_parts) & set(offer_parts)
        if not common:
            fit.misfits.append(_("disponible seulement %(parts)s") % {"parts": _labels(DayPart, offer_parts)})
        else:
            shares.append(len(common) / len(set(need_parts)))
    offer_periods = o.get("periods") or []
    if offer_periods:
        needed, offered = _slots(n.get("periods") or []), _slots(offer_periods)
        covered = _weeks(needed & offered) / max(1, _weeks(needed))
        recurring = bool(need_days) or n.get("kind") == Kind.REGULAR
        if covered == 0 or (recurring and covered < RECURRING_COVERAGE):
            fit.misfits.append(_("disponible seulement %(when)s") % {"when": _labels(Period, offer_periods)})
        else:
            shares.append(covered)
    if n.get("kind") == Kind.REGULAR and o.get("kind") == Kind.ONE_OFF:
        fit.misfits.append(_("bénévolat ponctuel : pas pour un besoin régulier"))
    if shares:
        fit.schedule = min(shares)
        if fit.schedule == 1.0 and (need_days or need_parts):
            fit.notes.append(_("disponible aux jours et heures demandés"))


def _day_order(day: str) -> int:
    return list(Weekday.values).index(day) if day in Weekday.values else 99


def _distance(need: Mapping, offer: Mapping, fit: Fit) -> None:
    n, o = need.get("facts") or {}, offer.get("facts") or {}
    if o.get("remote_ok"):
        fit.remote = True
        fit.notes.append(_("à distance possible"))
    elif o.get("travels"):
        fit.travels_km = float(offer.get("radius_km") or 0)
        fit.notes.append(_("se déplace"))
    elif n.get("travels"):
        # The project's people go to the offer: up to twice their usual radius.
        fit.travels_km = 2.0 * float(need.get("radius_km") or 0)
