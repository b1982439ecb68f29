"""Endpoints for members, authenticated by a personal token: who am I, and the offers of the
structures I represent and the needs of my projects. Every write goes through the
partnerships services and every check through the same django-rules as the web pages."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Status

from peps.core.access import require
from peps.directory.models import Representative, RepresentativeStatus, Structure
from peps.partnerships import selectors as partnership_selectors
from peps.partnerships import services as partnership_services
from peps.partnerships.models import Need, Offer
from peps.poles.models import Pole
from peps.projects.models import Project
from peps.projects.selectors import project_for_viewer
from peps.territory.models import Commune

from . import schemas as s
from .auth import token_auth

router = Router(tags=["Membres : offres et besoins"], auth=token_auth)
ERRORS = {400: s.Error, 401: s.Error, 403: s.Error, 404: s.Error, 422: s.ValidationErrorOut, 429: s.Error}
# API field → service field; also used to name the API field in a service's error.
FIELDS = {
    "categorie": "category",
    "titre": "title",
    "description": "description",
    "debut": "starts_on",
    "fin": "ends_on",
    "portee": "reach",
    "commune_insee": "commune",
    "rayon_km": "radius_km",
    "ouvert": "is_open",
    "nature": "kind",
    "savoir_faire": "skilled",
    "capacite_personnes": "capacity",
    "surface_m2": "area_m2",
    "jours": "weekdays",
    "moments": "day_parts",
    "periodes": "periods",
    "beneficiaires": "beneficiaries",
    "departements_servis": "served_departements",
    "epci_servis": "served_epcis",
    "a_distance": "remote_ok",
    "se_deplace": "travels",
}
# The matching details: sent as null in a PATCH, they are left unchanged (see _data).
DETAILS = (
    "kind",
    "skilled",
    "weekdays",
    "day_parts",
    "periods",
    "beneficiaries",
    "served_departements",
    "served_epcis",
)
API_NAMES = {service: api for api, service in FIELDS.items()}
_BASIC = ("categorie", "titre", "description", "debut", "fin", "portee", "commune_insee", "rayon_km", "ouvert")
Id = Path(..., ge=1, le=s.MAX_ID)
PoleSlug = Query(..., pattern=s.SLUG_PATTERN, description="Identifiant du pôle.")


def _pole(slug: str) -> Pole:
    pole = Pole.objects.filter(slug=slug).first()
    if pole is None:
        raise Http404
    return pole


def _data(payload: dict) -> dict:
    """The service's data from the fields sent (PATCH sends only some)."""
    data = {FIELDS[name]: value for name, value in payload.items() if name in FIELDS}
    if "commune" in data and data["commune"]:
        commune = Commune.objects.filter(code=data["commune"]).first()
        if commune is None:
            raise ValidationError({"commune": _("Commune inconnue : %(code)s.") % {"code": data["commune"]}})
        data["commune"] = commune
    for name in ("title", "description", *DETAILS, "remote_ok", "travels"):
        if name in data and data[name] is None:
            del data[name]  # null means "unchanged" for a text, a list or a yes/no
    return data


def _common(item) -> dict:
    return {
        "id": item.pk,
        "pole": item.pole.slug,
        "categorie": item.category,
        "titre": item.title,
        "description": item.description,
        "debut": item.starts_on,
        "fin": item.ends_on,
        "portee": item.reach,
        "commune_insee": item.commune_id,
        "rayon_km": item.radius_km,
        "ouvert": item.is_open,
        **{api: getattr(item, service) for api, service in FIELDS.items() if api not in _BASIC},
        "nature": item.kind or None,
        "structure_id": item.structure_id,
        "url": item.get_absolute_url(),
        "cree_le": item.created_at,
    }


def _offer_out(offer: Offer) -> dict:
    return {**_common(offer), "personnelle": offer.person_id is not None}


def _need_out(need: Need) -> dict:
    return {**_common(need), "projet_id": need.project_id}


# --- Who am I


@router.get("/moi", response={200: s.Me, **ERRORS}, summary="Mon compte")
def me(request):
    """Le titulaire du jeton, les structures qu’il représente et les projets qu’il porte."""
    user = request.user
    structures = (
        Representative.objects.filter(person=user, status=RepresentativeStatus.APPROVED, structure__is_active=True)
        .order_by("structure__name")
        .values_list("structure_id", "structure__pole__slug", "structure__name")[:100]
    )
    projects = (
        Project.objects.filter(holder=user).order_by("-created_at").values_list("id", "pole__slug", "title")[:100]
    )
    return {
        "id": user.pk,
        "nom": user.public_name,
        "structures": [{"id": pk, "pole": pole, "nom": name} for pk, pole, name in structures],
        "projets": [{"id": pk, "pole": pole, "nom": title} for pk, pole, title in projects],
    }


# --- Offers


@router.get("/offres", response={200: list[s.OfferOut], **ERRORS}, summary="Mes offres dans un pôle")
def my_offers(request, pole: str = PoleSlug):
    """Vos offres personnelles et celles des structures que vous représentez (100 au plus)."""
    return [_offer_out(o) for o in partnership_selectors.my_offers(user=request.user, pole=_pole(pole))]


@router.post("/offres", response={201: s.OfferOut, **ERRORS}, summary="Publier une offre")
def offer_create(request, payload: s.OfferIn):
    """Une offre d’une structure que vous représentez, ou une offre personnelle."""
    pole = _pole(payload.pole)
    structure = None
    if payload.structure_id:
        structure = Structure.objects.filter(pole=pole, pk=payload.structure_id).first()
        if structure is None:
            raise Http404
        require(request.user, "partnerships.add_structure_offer", structure)
    offer = partnership_services.offer_create(
        pole=pole, by=request.user, data=_data(payload.dict(exclude={"pole", "structure_id"})), structure=structure
    )
    return Status(201, _offer_out(offer))


def _offer(request, pk: int) -> Offer:
    found = Offer.objects.filter(pk=pk).select_related("pole").only("pole").first()
    if found is None:
        raise Http404
    return partnership_selectors.offer_for_viewer(user=request.user, pole=found.pole, pk=pk)


@router.get("/offres/{id}", response={200: s.OfferOut, **ERRORS}, summary="Une offre")
def offer_detail(request, id: int = Id):
    return _offer_out(_offer(request, id))


@router.patch("/offres/{id}", response={200: s.OfferOut, **ERRORS}, summary="Modifier ou clore une offre")
def offer_update(request, payload: s.NeedOfferPatch, id: int = Id):
    """Seuls les champs envoyés changent ; « ouvert »: false clôt l’offre."""
    offer = _offer(request, id)
    require(request.user, "partnerships.change_offer", offer)
    data = _data(payload.dict(exclude_unset=True))
    return _offer_out(partnership_services.offer_update(offer=offer, by=request.user, data=data))


# --- Needs


@router.get("/besoins", response={200: list[s.NeedOut], **ERRORS}, summary="Mes besoins dans un pôle")
def my_needs(request, pole: str = PoleSlug):
    """Les besoins de vos projets et des structures que vous représentez (100 au plus)."""
    return [_need_out(n) for n in partnership_selectors.my_needs(user=request.user, pole=_pole(pole))]


@router.post("/besoins", response={201: s.NeedOut, **ERRORS}, summary="Publier un besoin")
def need_create(request, payload: s.NeedIn):
    """Un besoin d’un projet que vous portez, ou d’une structure que vous représentez."""
    pole = _pole(payload.pole)
    if bool(payload.projet_id) == bool(payload.structure_id):
        raise ValidationError(_("Indiquez soit le projet (projet_id), soit la structure (structure_id)."))
    owner = {}
    if payload.projet_id:
        project = project_for_viewer(user=request.user, pole=pole, pk=payload.projet_id)
        require(request.user, "partnerships.add_project_need", project)
        owner["project"] = project
    else:
        structure = Structure.objects.filter(pole=pole, pk=payload.structure_id, is_active=True).first()
        if structure is None:
            raise Http404
        require(request.user, "partnerships.add_structure_need", structure)
        owner["structure"] = structure
    data = _data(payload.dict(exclude={"pole", "projet_id", "structure_id"}))
    need = partnership_services.need_create(pole=pole, by=request.user, data=data, **owner)
    return Status(201, _need_out(need))


def _need(request, pk: int) -> Need:
    found = Need.objects.filter(pk=pk).select_related("pole").only("pole").first()
    if found is None:
        raise Http404
    return partnership_selectors.need_for_viewer(user=request.user, pole=found.pole, pk=pk)


@router.get("/besoins/{id}", response={200: s.NeedOut, **ERRORS}, summary="Un besoin")
def need_detail(request, id: int = Id):
    return _need_out(_need(request, id))


@router.patch("/besoins/{id}", response={200: s.NeedOut, **ERRORS}, summary="Modifier ou clore un besoin")
def need_update(request, payload: s.NeedOfferPatch, id: int = Id):
    """Seuls les champs envoyés changent ; « ouvert »: false clôt le besoin."""
    need = _need(request, id)
    require(request.user, "partnerships.change_need", need)
    data = _data(payload.dict(exclude_unset=True))
    return _need_out(partnership_services.need_update(need=need, by=request.user, data=data))
