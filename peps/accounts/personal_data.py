"""Everything the platform holds about one person (RGPD art. 15 and 20): readable sections for
the main capabilities, plus every row of every model that points to the person, found through
the model registry so that a new app is covered without touching this file.

Each app contributes its readable sections from its AppConfig.ready() (`sections.register`,
see peps/<app>/personal_data.py); this module imports no other app."""

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Rows that are not data about the person, or that this export itself creates.
SKIPPED_MODELS = {"accounts.PersonalDataExport"}
# Secrets and derived columns: never written into the archive.
SKIPPED_FIELDS = {"password", "token", "secret", "key", "session_key", "search_text"}
YOU = "vous"
SOMEONE_ELSE = "une autre personne"


@dataclass
class Section:
    key: str
    title: str
    rows: Callable[[models.Model], Iterator[dict] | list[dict]]


class SectionRegistry:
    """The readable sections of the archive, each contributed by the app that owns the data
    from its AppConfig.ready(); `order` places it in the archive (account 10 … newsletters 240)."""

    def __init__(self) -> None:
        self._entries: dict[str, tuple[int, Section]] = {}

    def register(self, section: Section, *, order: int) -> None:
        self._entries[section.key] = (order, section)

    def unregister(self, key: str) -> None:
        self._entries.pop(key, None)

    def __iter__(self) -> Iterator[Section]:
        return iter([section for _order, section in sorted(self._entries.values(), key=lambda e: e[0])])

    def __len__(self) -> int:
        return len(self._entries)


sections = SectionRegistry()


def values(model: type[models.Model], lookup: Callable[[models.Model], Q], columns: dict[str, str]):
    """Rows of `model` matching `lookup(user)`, as {readable key: value} following `columns`."""

    def rows(user) -> list[dict]:
        queryset = model._base_manager.filter(lookup(user)).order_by("pk").values(*columns.values())
        inverse = {path: key for key, path in columns.items()}
        return [{inverse[path]: value for path, value in row.items()} for row in queryset]

    return rows


def _account(user) -> list[dict]:
    return [
        {
            "adresse_email": user.email,
            "nom_affiche": user.display_name,
            "prenom": user.first_name,
            "nom": user.last_name,
            "commune": str(user.commune) if user.commune_id else None,
            "competences": user.skills,
            "ce_que_je_peux_apporter": user.offer,
            "presentation": user.bio,
            "telephone": user.phone,
            "visibilite_du_profil": user.get_profile_visibility_display(),
            "visibilite_de_l_email": user.get_email_visibility_display(),
            "visibilite_du_telephone": user.get_phone_visibility_display(),
            "inscrit_le": user.date_joined,
            "derniere_connexion": user.last_login,
            "adresses_email": list(user.emailaddress_set.values("email", "verified", "primary")),
        }
    ]


ACCOUNT = Section("compte", _("Compte et profil"), _account)

NOTES = [
    _(
        "Votes à bulletin secret : la plateforme n’enregistre aucun lien entre un bulletin secret et "
        "la personne qui l’a déposé ; seule votre participation au vote figure dans cette archive."
    ),
    _(
        "Les personnes qui vous sont liées (auteur d’une décision, d’un pouvoir…) apparaissent sous "
        "la mention « une autre personne », sauf lorsque le lien est le vôtre (« vous »)."
    ),
    _(
        "La section « toutes_les_lignes » reprend, table par table, chaque ligne qui vous concerne, "
        "y compris les contacts que la coordination a notés à votre sujet s’il y en a."
    ),
]


# --- Generic part: every row of every model that points to the person --------------------------


def user_relations() -> list[tuple[type[models.Model], list[models.Field]]]:
    """Every installed model with a foreign key (or one-to-one) to the user model, and those fields."""
    user_model = get_user_model()
    found = []
    for model in apps.get_models():
        if model is user_model or model._meta.label in SKIPPED_MODELS:
            continue
        fields = [
            field
            for field in model._meta.concrete_fields
            if field.is_relation and field.related_model is user_model and (field.many_to_one or field.one_to_one)
        ]
        if fields:
            found.append((model, fields))
    return found


def _json_value(value):
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    return value


def _serialise(obj: models.Model, user, files: list) -> dict:
    user_model = get_user_model()
    row = {}
    for field in obj._meta.concrete_fields:
        if field.name in SKIPPED_FIELDS or field.name.endswith("_token"):
            continue
        value = getattr(obj, field.attname)
        if field.is_relation and field.related_model is user_model:
            row[field.name] = None if value is None else (YOU if value == user.pk else SOMEONE_ELSE)
        elif isinstance(field, models.FileField):
            row[field.name] = value.name if value else ""
            if value:
                files.append((obj._meta.label, obj.pk, value))
        elif field.choices and value not in (None, ""):
            row[field.name] = str(getattr(obj, f"get_{field.name}_display")())
        else:
            row[field.name] = _json_value(value)
    return row


def generic_records(user, *, files: list) -> Iterator[dict]:
    """One block per model: its readable name, the links to the person, every matching row."""
    for model, fields in user_relations():
        condition = Q()
        for field in fields:
            condition |= Q(**{field.name: user})
        queryset = model._base_manager.filter(condition).order_by("pk")
        rows = [_serialise(obj, user, files) for obj in queryset.iterator(chunk_size=500)]
        if rows:
            yield {
                "table": model._meta.label,
                "libelle": str(model._meta.verbose_name_plural),
                "liens_avec_vous": [str(field.verbose_name) for field in fields],
                "colonnes": {
                    f.name: str(f.verbose_name)
                    for f in model._meta.concrete_fields
                    if f.name not in SKIPPED_FIELDS and not f.name.endswith("_token")
                },
                "lignes": rows,
            }


def steps() -> int:
    """How many steps `collect` reports, for the progress bar."""
    return len(sections) + 1


def collect(user, *, files: list, on_step: Callable[[int], None] | None = None) -> dict:
    """The whole archive as a JSON-ready dict; `files` receives (table, pk, FieldFile) to attach."""
    data: dict = {
        "plateforme": "PEPS",
        "genere_le": timezone.now().isoformat(),
        "compte_id": user.pk,
        "notes": [str(note) for note in NOTES],
        "sections": {},
    }
    registered = list(sections)
    for number, section in enumerate(registered, start=1):
        data["sections"][section.key] = {"titre": str(section.title), "lignes": list(section.rows(user))}
        if on_step:
            on_step(number)
    data["toutes_les_lignes"] = list(generic_records(user, files=files))
    if on_step:
        on_step(len(registered) + 1)
    return data
