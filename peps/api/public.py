"""Read endpoints for public data, the same rows and columns as the open-data exports:
structures, projects, events, decisions and poles, paginated in SQL and filterable."""

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from ninja import Path, Query, Router

from peps.core.pagination import MAX_COUNT
from peps.core.text import search_terms
from peps.opendata.datasets import DATASETS, Dataset
from peps.poles.models import Pole

from . import schemas as s

router = Router(tags=["Données publiques"])
ERRORS = {404: s.Error, 422: s.ValidationErrorOut, 429: s.Error}

Limit = Query(20, ge=1, le=100, description="Nombre de résultats par page (1 à 100).")
Offset = Query(0, ge=0, le=100_000, description="Rang du premier résultat (à partir de 0).")
PoleSlug = Query(None, pattern=s.SLUG_PATTERN, description="Identifiant d’un pôle (voir /api/poles).")
Commune = Query(None, pattern=s.INSEE_PATTERN, description="Code INSEE d’une commune.")
Search = Query(None, max_length=100, description="Mots cherchés (sans tenir compte des accents).")
Id = Path(..., ge=1, le=s.MAX_ID)


def _pole_or_404(slug: str | None) -> Pole | None:
    if not slug:
        return None
    pole = Pole.objects.filter(slug=slug).only("pk").first()
    if pole is None:
        raise Http404
    return pole


def _words(q: str | None) -> list[str]:
    """Folded words, for the folded search_text columns."""
    return search_terms((q or "").replace("\x00", ""))


def _raw_words(q: str | None) -> list[str]:
    """Words as typed, for tables without a search_text column (matched with icontains)."""
    words = [word.strip(".,;:!?()[]\"'«»") for word in (q or "").replace("\x00", "").split()]
    return [word for word in words if len(word) >= 2][:8]


def _page(request, dataset: Dataset, rows: QuerySet, limit: int, offset: int) -> dict:
    """One page read with LIMIT/OFFSET, the next-page link, and a count capped like the site's."""
    values = list(dataset.values(rows)[offset : offset + limit + 1])
    has_next = len(values) > limit
    capped = rows.order_by()[: MAX_COUNT + 1].count()
    next_url = None
    if has_next:
        params = request.GET.copy()
        params["offset"] = offset + limit
        params["limit"] = limit
        next_url = request.build_absolute_uri(request.path + "?" + params.urlencode())
    return {
        "count": min(capped, MAX_COUNT),
        "count_is_capped": capped > MAX_COUNT,
        "limit": limit,
        "offset": offset,
        "next": next_url,
        "results": list(dataset.as_dicts(dataset.finish_chunks(values[:limit]))),
    }


def _one(dataset: Dataset, rows: QuerySet) -> dict:
    values = list(dataset.values(rows)[:1])
    if not values:
        raise Http404
    return next(dataset.as_dicts(dataset.finish_chunks(values)))


# --- Structures


@router.get("/structures", response={200: s.StructurePage, **ERRORS}, summary="Structures de l’annuaire")
def structures(
    request,
    pole: str | None = PoleSlug,
    commune: str | None = Commune,
    secteur: str | None = Query(None, pattern=s.SLUG_PATTERN, description="Identifiant d’un secteur d’activité."),
    forme_juridique: str | None = Query(None, pattern=s.SLUG_PATTERN, description="Code de forme juridique."),
    q: str | None = Search,
    limit: int = Limit,
    offset: int = Offset,
):
    """Les structures actives, avec leurs seules coordonnées publiques, par ordre d’identifiant."""
    dataset = DATASETS["structures"]
    rows = dataset.public_rows(pole=_pole_or_404(pole))
    if commune:
        rows = rows.filter(commune_id=commune)
    if secteur:
        rows = rows.filter(sectors__slug=secteur)
    if forme_juridique:
        rows = rows.filter(legal_form=forme_juridique)
    for word in _words(q):
        rows = rows.filter(search_text__contains=word)
    return _page(request, dataset, rows, limit, offset)


@router.get("/structures/{id}", response={200: s.StructureOut, **ERRORS}, summary="Une structure")
def structure(request, id: int = Id):
    dataset = DATASETS["structures"]
    return _one(dataset, dataset.public_rows().filter(pk=id))


# --- Projects


@router.get("/projets", response={200: s.ProjectPage, **ERRORS}, summary="Projets publics")
def projects(
    request,
    pole: str | None = PoleSlug,
    commune: str | None = Commune,
    domaine: str | None = Query(None, pattern=s.SLUG_PATTERN, description="Code de domaine (culture, food…)."),
    etape: str | None = Query(None, pattern=s.SLUG_PATTERN, description="Code d’étape (submitted, launch…)."),
    q: str | None = Search,
    limit: int = Limit,
    offset: int = Offset,
):
    """Les projets rendus publics par leurs porteurs."""
    dataset = DATASETS["projets"]
    rows = dataset.public_rows(pole=_pole_or_404(pole))
    if commune:
        rows = rows.filter(commune_id=commune)
    if domaine:
        rows = rows.filter(domain=domaine)
    if etape:
        rows = rows.filter(stage=etape)
    for word in _words(q):
        rows = rows.filter(search_text__contains=word)
    return _page(request, dataset, rows, limit, offset)


@router.get("/projets/{id}", response={200: s.ProjectOut, **ERRORS}, summary="Un projet public")
def project(request, id: int = Id):
    dataset = DATASETS["projets"]
    return _one(dataset, dataset.public_rows().filter(pk=id))


# --- Events


@router.get("/evenements", response={200: s.EventPage, **ERRORS}, summary="Événements publics")
def events(
    request,
    pole: str | None = PoleSlug,
    commune: str | None = Commune,
    type: str | None = Query(None, pattern=s.SLUG_PATTERN, description="Code du type (seminar, workshop…)."),
    a_venir: bool = Query(False, description="Vrai pour les seuls événements pas encore terminés."),
    q: str | None = Search,
    limit: int = Limit,
    offset: int = Offset,
):
    """Les événements ouverts à tout le monde, par date de début."""
    dataset = DATASETS["evenements"]
    rows = dataset.public_rows(pole=_pole_or_404(pole))
    if commune:
        rows = rows.filter(commune_id=commune)
    if type:
        rows = rows.filter(kind=type)
    if a_venir:
        rows = rows.filter(ends_at__gte=timezone.now())
    for word in _raw_words(q):
        rows = rows.filter(title__icontains=word)
    return _page(request, dataset, rows, limit, offset)


@router.get("/evenements/{id}", response={200: s.EventOut, **ERRORS}, summary="Un événement public")
def event(request, id: int = Id):
    dataset = DATASETS["evenements"]
    return _one(dataset, dataset.public_rows().filter(pk=id))


# --- Decisions


@router.get("/decisions", response={200: s.DecisionPage, **ERRORS}, summary="Décisions adoptées")
def decisions(
    request,
    pole: str | None = PoleSlug,
    annee: int | None = Query(None, ge=1900, le=2999, description="Année de la décision."),
    instance_type: str | None = Query(None, pattern=s.SLUG_PATTERN, description="board, bureau, commission…"),
    q: str | None = Search,
    limit: int = Limit,
    offset: int = Offset,
):
    """Le registre des décisions des instances publiques des pôles."""
    dataset = DATASETS["decisions"]
    rows = dataset.public_rows(pole=_pole_or_404(pole))
    if annee:
        rows = rows.filter(year=annee)
    if instance_type:
        rows = rows.filter(body__kind=instance_type)
    for word in _words(q):
        rows = rows.filter(search_text__contains=word)
    return _page(request, dataset, rows, limit, offset)


@router.get("/decisions/{id}", response={200: s.DecisionOut, **ERRORS}, summary="Une décision")
def decision(request, id: int = Id):
    dataset = DATASETS["decisions"]
    return _one(dataset, dataset.public_rows().filter(pk=id))


# --- Poles


@router.get("/poles", response={200: s.PolePage, **ERRORS}, summary="Pôles du réseau")
def poles(
    request,
    type: str | None = Query(None, pattern=s.SLUG_PATTERN, description="ptce, resource, network…"),
    q: str | None = Search,
    limit: int = Limit,
    offset: int = Offset,
):
    """Les pôles présents sur la plateforme."""
    dataset = DATASETS["poles"]
    rows = dataset.public_rows()
    if type:
        rows = rows.filter(kind=type)
    for word in _raw_words(q):
        rows = rows.filter(name__icontains=word)
    return _page(request, dataset, rows, limit, offset)


@router.get("/poles/{slug}", response={200: s.PoleOut, **ERRORS}, summary="Un pôle")
def pole(request, slug: str = Path(..., pattern=s.SLUG_PATTERN)):
    dataset = DATASETS["poles"]
    return _one(dataset, dataset.public_rows().filter(slug=slug))
