"""The REST API of PEPS (django-ninja): public data for everyone, offers and needs for members
with a personal token. Errors are JSON with a French `detail`; bad input is a 4xx, never a 500."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError

from . import members, public
from .throttling import THROTTLES

DESCRIPTION = """
L’API de PEPS, la plateforme d’émergence de projets solidaires.

* **Données publiques** (sans authentification) : structures de l’annuaire, projets publics,
  événements publics, décisions adoptées et pôles du réseau — les mêmes lignes et les mêmes
  colonnes que les fichiers de la page [Données ouvertes](/donnees/), sous Licence Ouverte 2.0.
  Pagination par `limit` et `offset` ; filtres par pôle, commune, secteur, type et recherche `q`.
* **Membres** (jeton personnel, en-tête `Authorization: Bearer peps_…`, à créer sur
  [/api/jetons/](/api/jetons/)) : gérer les offres des structures que vous représentez et les
  besoins de vos projets, avec les mêmes droits que sur le site.

Limites : 120 requêtes par minute sans jeton (par adresse IP), 300 avec un jeton ; au-delà,
réponse 429. Les erreurs sont en JSON : `{"detail": "…"}` (et `erreurs` pour une saisie refusée).
"""

api = NinjaAPI(
    title="API de PEPS",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    docs_url=None,  # served by peps.api.views.docs, without CDN and under our CSP
    throttle=THROTTLES,
)
api.add_router("/", public.router)
api.add_router("/", members.router)


def _error(request, status: int, detail: str, **extra):
    return api.create_response(request, {"detail": detail, **extra}, status=status)


@api.exception_handler(Http404)
def not_found(request, exc):
    return _error(request, 404, _("Introuvable : cette ressource n’existe pas ou n’est pas publique."))


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    return _error(request, 403, _("Votre compte n’a pas le droit de faire cela."))


@api.exception_handler(AuthenticationError)
def unauthorized(request, exc):
    return _error(request, 401, _("Jeton absent, invalide ou révoqué : créez-en un sur /api/jetons/."))


@api.exception_handler(Throttled)
def throttled(request, exc):
    response = _error(request, 429, _("Trop de requêtes : attendez un peu avant de recommencer."))
    if exc.wait:
        response["Retry-After"] = str(max(1, round(exc.wait)))
    return response


def _location(loc) -> str:
    # ninja reports ("query", "limit") or ("body", "payload", "titre"): keep the field's name,
    # and a list's index ("jours.2"), not pydantic's union tags ("nature.literal['…']").
    parts = [part for part in loc if part not in ("query", "path", "body", "payload")]
    if not parts:
        return "general"
    return ".".join(str(part) for part in parts[:1] + [p for p in parts[1:2] if isinstance(p, int)])


def _message(error: dict) -> str:
    """Pydantic's reason, said in French for the usual cases."""
    ctx = error.get("ctx") or {}
    messages = {
        "null_refused": _(
            "null n’est pas accepté : ce champ ne peut pas être vide (omettez-le pour ne pas le changer)."
        ),
        "missing": _("ce champ est obligatoire."),
        "int_parsing": _("un nombre entier est attendu."),
        "int_from_float": _("un nombre entier est attendu."),
        "int_type": _("un nombre entier est attendu."),
        "bool_parsing": _("true ou false est attendu."),
        "bool_type": _("true ou false est attendu."),
        "list_type": _("une liste JSON est attendue."),
        "date_parsing": _("une date AAAA-MM-JJ est attendue."),
        "date_from_datetime_parsing": _("une date AAAA-MM-JJ est attendue."),
        "string_type": _("un texte est attendu."),
        "string_pattern_mismatch": _("le format n’est pas celui attendu."),
        "string_too_short": _("ce texte est trop court."),
        "string_too_long": _("ce texte est trop long (%(n)s caractères au plus).") % {"n": ctx.get("max_length")},
        "greater_than_equal": _("la valeur doit être au moins %(n)s.") % {"n": ctx.get("ge")},
        "less_than_equal": _("la valeur doit être au plus %(n)s.") % {"n": ctx.get("le")},
        "literal_error": _("valeurs possibles : %(values)s.") % {"values": _choices(ctx.get("expected"))},
        "enum": _("valeurs possibles : %(values)s.") % {"values": _choices(ctx.get("expected"))},
        "json_invalid": _("le corps de la requête n’est pas du JSON valide."),
        "model_attributes_type": _("un objet JSON est attendu."),
        "dict_type": _("un objet JSON est attendu."),
    }
    return messages.get(error.get("type"), _("valeur invalide."))


def _choices(expected) -> str:
    """Pydantic lists the values in English (« 'mon', 'tue' or 'sun' »): the last « or » becomes
    a comma, so that the list reads in any language."""
    return str(expected or "").replace("' or '", "', '")


@api.exception_handler(NinjaValidationError)
def invalid_input(request, exc):
    errors, named = [], set()
    for error in exc.errors:
        champ = _location(error.get("loc", ()))
        if champ not in named:  # a union reports one error per member: the first says enough
            named.add(champ)
            errors.append({"champ": champ, "message": _message(error)})
    return _error(request, 422, _("Paramètres invalides."), erreurs=errors)


@api.exception_handler(ValidationError)
def rule_broken(request, exc):
    """A rule of a service (dates in order, a commune when « around »…), in French."""
    if hasattr(exc, "error_dict"):
        errors = [
            {"champ": members.API_NAMES.get(field, field if field != "__all__" else "general"), "message": str(message)}
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
    else:
        errors = [{"champ": "general", "message": str(message)} for message in exc.messages]
    return _error(request, 422, _("La saisie ne respecte pas les règles : voir « erreurs »."), erreurs=errors)


@api.exception_handler(HttpError)
def http_error(request, exc):
    # ninja raises HttpError(400) on a body that is not JSON: say it in French.
    if exc.status_code == 400:
        return _error(request, 400, _("Le corps de la requête n’est pas du JSON valide."))
    return _error(request, exc.status_code, str(exc))
