"""Everything the platform holds about one person (RGPD art. 15 and 20): readable sections for
the main capabilities, plus every row of every model that points to the person, found through
the model registry so that a new app is covered without touching this file."""

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


def _model(label: str):
    try:
        return apps.get_model(label)
    except LookupError:  # an app that is not installed on this platform
        return None


def _values(label: str, lookup: Callable[[models.Model], Q], columns: dict[str, str]):
    """Rows of `label` matching `lookup(user)`, as {readable key: value} following `columns`."""

    def rows(user) -> list[dict]:
        model = _model(label)
        if model is None:
            return []
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


def _newsletters(user) -> list[dict]:
    model = _model("newsletters.Subscription")
    if model is None:
        return []
    mine = Q(user=user) | Q(user__isnull=True, email__iexact=user.email)
    return list(
        model.objects.filter(mine)
        .order_by("pk")
        .values("pole__name", "email", "source", "consented_at", "unsubscribed_at")
    )


def _open_ballots(user) -> list[dict]:
    # A secret ballot stores no link to its voter: there is nothing to export about it
    # beyond the participation itself (listed in "participations aux votes").
    return _values(
        "governance.Ballot",
        lambda u: Q(person=u, motion__secret=False),
        {"vote": "motion__title", "choix": "choice", "motif": "reason"},
    )(user)


SECTIONS = [
    Section("compte", _("Compte et profil"), _account),
    Section(
        "adhesions",
        _("Adhésions"),
        _values(
            "poles.Membership",
            lambda u: Q(person=u),
            {
                "pole": "pole__name",
                "college": "college__name",
                "role": "role",
                "statut": "status",
                "adhesion_le": "joined_on",
                "sortie_le": "left_on",
                "charte_acceptee_le": "charter_accepted_at",
            },
        ),
    ),
    Section(
        "cotisations",
        _("Cotisations"),
        _values(
            "poles.MembershipFee",
            lambda u: Q(membership__person=u),
            {"pole": "membership__pole__name", "annee": "year", "montant": "amount", "payee_le": "paid_on"},
        ),
    ),
    Section(
        "structures_representees",
        _("Structures que vous représentez"),
        _values(
            "directory.Representative",
            lambda u: Q(person=u),
            {"structure": "structure__name", "pole": "structure__pole__name", "fonction": "title", "statut": "status"},
        ),
    ),
    Section(
        "projets_portes",
        _("Projets que vous portez"),
        _values(
            "projects.Project",
            lambda u: Q(holder=u),
            {"titre": "title", "pole": "pole__name", "etape": "stage", "resume": "summary", "cree_le": "created_at"},
        ),
    ),
    Section(
        "commentaires",
        _("Commentaires sur les projets"),
        _values(
            "projects.Comment",
            lambda u: Q(author=u),
            {"projet": "project__title", "texte": "text", "masque": "is_hidden", "ecrit_le": "created_at"},
        ),
    ),
    Section(
        "projets_suivis",
        _("Projets suivis"),
        _values("projects.Follow", lambda u: Q(person=u), {"projet": "project__title", "depuis": "created_at"}),
    ),
    Section(
        "projets_soutenus",
        _("Projets soutenus"),
        _values("projects.Support", lambda u: Q(person=u), {"projet": "project__title", "depuis": "created_at"}),
    ),
    Section(
        "besoins",
        _("Besoins de partenariat déposés"),
        _values(
            "partnerships.Need",
            lambda u: Q(created_by=u),
            {"titre": "title", "categorie": "category", "description": "description", "ouvert": "is_open"},
        ),
    ),
    Section(
        "offres",
        _("Offres de partenariat"),
        _values(
            "partnerships.Offer",
            lambda u: Q(created_by=u) | Q(person=u),
            {"titre": "title", "categorie": "category", "description": "description", "ouvert": "is_open"},
        ),
    ),
    Section(
        "propositions_de_partenariat",
        _("Propositions de partenariat"),
        _values(
            "partnerships.Partnership",
            lambda u: Q(proposed_by=u) | Q(partner_person=u),
            {"projet": "project__title", "besoin": "need__title", "offre": "offer__title", "statut": "status"},
        ),
    ),
    Section(
        "inscriptions",
        _("Inscriptions aux événements"),
        _values(
            "agenda.Registration",
            lambda u: Q(person=u),
            {"evenement": "event__title", "date": "event__starts_at", "statut": "status", "presence": "attendance"},
        ),
    ),
    Section(
        "reservations",
        _("Réservations et prêts"),
        _values(
            "commons.Booking",
            lambda u: Q(booked_by=u),
            {
                "ressource": "resource__name",
                "debut": "starts_at",
                "fin": "ends_at",
                "pret": "is_loan",
                "statut": "status",
                "objet": "purpose",
            },
        ),
    ),
    Section(
        "arguments",
        _("Arguments dans les débats"),
        _values(
            "deliberation.Argument",
            lambda u: Q(author=u),
            {"debat": "debate__title", "position": "stance", "texte": "text", "ecrit_le": "created_at"},
        ),
    ),
    Section(
        "reponses",
        _("Réponses aux arguments"),
        _values(
            "deliberation.Reply",
            lambda u: Q(author=u),
            {"debat": "argument__debate__title", "texte": "text", "ecrit_le": "created_at"},
        ),
    ),
    Section(
        "reactions",
        _("Arguments approuvés"),
        _values(
            "deliberation.Reaction",
            lambda u: Q(person=u),
            {"debat": "argument__debate__title", "argument": "argument__text", "le": "created_at"},
        ),
    ),
    Section(
        "propositions",
        _("Propositions aux consultations"),
        _values(
            "deliberation.Proposal",
            lambda u: Q(author=u),
            {"consultation": "consultation__title", "titre": "title", "texte": "body", "statut": "status"},
        ),
    ),
    Section(
        "soutiens_aux_propositions",
        _("Propositions soutenues"),
        _values(
            "deliberation.ProposalSupport",
            lambda u: Q(person=u),
            {"proposition": "proposal__title", "le": "created_at"},
        ),
    ),
    Section(
        "sieges",
        _("Sièges dans les instances"),
        _values(
            "governance.BodyMember",
            lambda u: Q(person=u),
            {"instance": "body__name", "fonction": "role", "college": "college__name", "du": "since", "au": "until"},
        ),
    ),
    Section(
        "pouvoirs",
        _("Pouvoirs donnés et reçus"),
        _values(
            "governance.Proxy",
            lambda u: Q(giver=u) | Q(holder=u),
            {
                "instance": "body__name",
                "donne_par": "giver__display_name",
                "confie_a": "holder__display_name",
                "le": "created_at",
                "retire_le": "revoked_at",
            },
        ),
    ),
    Section(
        "participations_aux_votes",
        _("Participations aux votes"),
        _values(
            "governance.Participation",
            lambda u: Q(person=u),
            {"vote": "motion__title", "bulletin_secret": "motion__secret", "par_procuration": "by_proxy"},
        ),
    ),
    Section("votes_a_bulletin_ouvert", _("Votes à bulletin ouvert"), _open_ballots),
    Section(
        "notifications_reglages",
        _("Réglages des notifications"),
        _values("notifications.NotificationSettings", lambda u: Q(person=u), {"emails": "email_frequency"}),
    ),
    Section("lettres_d_information", _("Abonnements aux lettres d’information"), _newsletters),
]

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
    return len(SECTIONS) + 1


def collect(user, *, files: list, on_step: Callable[[int], None] | None = None) -> dict:
    """The whole archive as a JSON-ready dict; `files` receives (table, pk, FieldFile) to attach."""
    data: dict = {
        "plateforme": "PEPS",
        "genere_le": timezone.now().isoformat(),
        "compte_id": user.pk,
        "notes": [str(note) for note in NOTES],
        "sections": {},
    }
    for number, section in enumerate(SECTIONS, start=1):
        data["sections"][section.key] = {"titre": str(section.title), "lignes": list(section.rows(user))}
        if on_step:
            on_step(number)
    data["toutes_les_lignes"] = list(generic_records(user, files=files))
    if on_step:
        on_step(len(SECTIONS) + 1)
    return data
