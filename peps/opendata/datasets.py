"""The open datasets: which rows are public, which columns they have (stable names, shared by
the CSV and JSON exports and by the REST API), and how a database row becomes an output row.

Rows are read with `values_list()` so no model instance is built, and in chunks so memory
stays flat whatever the size of the table (see exports.py)."""

import datetime
import zoneinfo
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Case, F, QuerySet, Value, When
from django.urls import reverse
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from peps.agenda.models import Audience, Event, EventKind, EventStatus, PlaceKind
from peps.core.visibility import Visibility
from peps.directory.models import LegalForm, MuseumStatus, Structure
from peps.governance.models import BodyKind, Decision
from peps.poles.models import Pole, PoleKind, PoleLegalForm
from peps.projects.models import Domain, EconomicModel, Project, ProjectVisibility
from peps.projects.stages import Stage

# Rows read from the database per round trip; also the size of one sectors lookup.
CHUNK_SIZE = 2000
# Several sectors in one CSV cell.
LIST_SEPARATOR = "|"


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # "texte", "entier", "date", "date-heure", "booléen", "url"
    doc: str


def _public(visibility_field: str, value_field: str):
    """The value when its owner made it public, else an empty string: done in SQL so a
    members-only value never even reaches Python."""
    return Case(When(**{visibility_field: Visibility.PUBLIC}, then=F(value_field)), default=Value(""))


def _labels(choices) -> dict[str, str]:
    # Open data is published in French whatever the visitor's language: stable values.
    with translation.override("fr"):
        return {value: str(label) for value, label in choices}


def _url_pattern(name: str, **kwargs) -> str:
    """An absolute URL with {placeholders}, reversed once rather than once per row."""
    # Digits for an <int:pk> converter, a word for a slug.
    placeholders = {key: "900000001" if key == "pk" else f"__{key}__" for key in kwargs}
    path = reverse(name, kwargs=placeholders)
    for key, placeholder in placeholders.items():
        path = path.replace(placeholder, "{" + kwargs[key] + "}")
    return settings.SITE_URL.rstrip("/") + path


# Looked up once: timezone.localtime() asks for the current zone on every call (200,000 rows).
PARIS = zoneinfo.ZoneInfo(settings.TIME_ZONE)


def _local(value: datetime.datetime | None) -> str | None:
    return value.astimezone(PARIS).isoformat(timespec="seconds") if value else None


def _day(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


@dataclass
class Dataset:
    slug: str
    title: str
    description: str
    columns: list[Column]
    # Public rows of the whole network; `pole_filter` narrows them to one pole.
    queryset: Callable[[], QuerySet]
    pole_filter: str
    order_by: tuple[str, ...]
    # What values_list() reads, and how one such tuple becomes an output row.
    select: Callable[[], list]
    build: Callable[["Dataset", tuple], tuple]
    last_update: str
    # Optional: adds data fetched once per chunk (e.g. the sectors of 2,000 structures).
    per_chunk: Callable[[list[tuple]], dict] | None = None
    extra: dict = field(default_factory=dict)

    @property
    def names(self) -> list[str]:
        return [column.name for column in self.columns]

    def public_rows(self, *, pole: Pole | None = None) -> QuerySet:
        rows = self.queryset()
        if pole is not None:
            rows = rows.filter(**{self.pole_filter: pole.pk})
        return rows

    def values(self, rows: QuerySet) -> QuerySet:
        return rows.order_by(*self.order_by).values_list(*self.select())

    def iter_rows(self, *, pole: Pole | None = None, chunk_size: int = CHUNK_SIZE) -> Iterator[tuple]:
        """Every public row, in a stable order, streamed from the database."""
        values = self.values(self.public_rows(pole=pole)).iterator(chunk_size=chunk_size)
        yield from self.finish_chunks(values, chunk_size=chunk_size)

    def finish_chunks(self, values: Iterable[tuple], *, chunk_size: int = CHUNK_SIZE) -> Iterator[tuple]:
        chunk: list[tuple] = []
        for value in values:
            chunk.append(value)
            if len(chunk) >= chunk_size:
                yield from self._finish(chunk)
                chunk = []
        if chunk:
            yield from self._finish(chunk)

    def _finish(self, chunk: list[tuple]) -> Iterator[tuple]:
        context = self.per_chunk(chunk) if self.per_chunk else {}
        for value in chunk:
            yield self.build(self, value, **context) if context else self.build(self, value)

    def as_dicts(self, rows: Iterable[tuple]) -> Iterator[dict]:
        names = self.names
        for row in rows:
            yield dict(zip(names, row, strict=True))

    @cached_property
    def labels(self) -> dict[str, dict[str, str]]:
        return {name: _labels(choices) for name, choices in self.extra.get("choices", {}).items()}

    @cached_property
    def url(self) -> str:
        return _url_pattern(*self.extra["url"][0], **self.extra["url"][1])


# --- Structures: the public directory -----------------------------------------------------------


def _structure_select() -> list:
    return [
        "id",
        "pole__slug",
        "name",
        "slug",
        "legal_form",
        "museum_status",
        "siren",
        "siret",
        "rna",
        "commune_id",
        "commune__name",
        "commune__departement_id",
        "summary",
        "description",
        "website",
        _public("address_visibility", "address"),
        _public("email_visibility", "email"),
        _public("phone_visibility", "phone"),
        "created_at",
        "updated_at",
    ]


def _structure_sectors(chunk: list[tuple]) -> dict:
    """The sector slugs of the structures of one chunk: one query per chunk, not per row."""
    through = Structure.sectors.through
    sectors: dict[int, list[str]] = {}
    pairs = (
        through.objects.filter(structure_id__in=[row[0] for row in chunk])
        .order_by("sector__slug")
        .values_list("structure_id", "sector__slug")
    )
    for structure_id, slug in pairs:
        sectors.setdefault(structure_id, []).append(slug)
    return {"sectors": sectors}


def _structure_build(ds: Dataset, row: tuple, sectors: dict | None = None) -> tuple:
    (pk, pole, name, slug, legal_form, museum, siren, siret, rna, insee, commune, dept, summary,
     description, website, address, email, phone, created, updated) = row  # fmt: skip
    return (
        pk,
        pole,
        name,
        slug,
        legal_form,
        ds.labels["legal_form"].get(legal_form, legal_form),
        museum,
        siren,
        siret,
        rna,
        LIST_SEPARATOR.join((sectors or {}).get(pk, [])),
        insee,
        commune,
        dept,
        summary,
        description,
        website,
        address,
        email,
        phone,
        ds.url.format(pole=pole, slug=slug),
        _local(created),
        _local(updated),
    )


STRUCTURES = Dataset(
    slug="structures",
    title=_("Annuaire des structures"),
    description=_(
        "Les structures actives des pôles (associations, coopératives, entreprises, collectivités…) "
        "et leurs coordonnées publiques. Les coordonnées réservées aux membres n’y figurent jamais."
    ),
    columns=[
        Column("id", "entier", _("Identifiant de la structure sur la plateforme (stable).")),
        Column("pole", "texte", _("Identifiant du pôle (voir le jeu « pôles »).")),
        Column("nom", "texte", _("Nom de la structure.")),
        Column("slug", "texte", _("Identifiant d’adresse de la structure dans son pôle.")),
        Column("forme_juridique", "texte", _("Code de la forme juridique (association, scop, scic…).")),
        Column("forme_juridique_libelle", "texte", _("Forme juridique en toutes lettres.")),
        Column("statut_musee", "texte", _("Pour un musée : musee_de_france, associatif ou preparation.")),
        Column("siren", "texte", _("Numéro SIREN (9 chiffres), s’il est connu.")),
        Column("siret", "texte", _("Numéro SIRET (14 chiffres), s’il est connu.")),
        Column("rna", "texte", _("Numéro RNA d’une association (W suivi de 9 chiffres).")),
        Column("secteurs", "texte", _("Secteurs d’activité (identifiants séparés par « | »).")),
        Column("commune_insee", "texte", _("Code INSEE de la commune.")),
        Column("commune_nom", "texte", _("Nom de la commune.")),
        Column("departement", "texte", _("Code du département.")),
        Column("resume", "texte", _("La structure en une phrase.")),
        Column("description", "texte", _("Présentation (Markdown).")),
        Column("site_web", "url", _("Site web.")),
        Column("adresse", "texte", _("Adresse, si la structure l’a rendue publique.")),
        Column("email", "texte", _("E-mail, si la structure l’a rendu public.")),
        Column("telephone", "texte", _("Téléphone, si la structure l’a rendu public.")),
        Column("url", "url", _("Page de la structure sur la plateforme.")),
        Column("cree_le", "date-heure", _("Date de création de la fiche (ISO 8601, heure de Paris).")),
        Column("mis_a_jour_le", "date-heure", _("Date de dernière modification de la fiche.")),
    ],
    queryset=lambda: Structure.objects.filter(is_active=True),
    pole_filter="pole_id",
    order_by=("id",),
    select=_structure_select,
    build=_structure_build,
    per_chunk=_structure_sectors,
    last_update="updated_at",
    extra={
        "choices": {"legal_form": LegalForm.choices, "museum_status": MuseumStatus.choices},
        "url": (("directory:structure",), {"pole": "pole", "slug": "slug"}),
    },
)


# --- Projects ------------------------------------------------------------------------------------


def _project_build(ds: Dataset, row: tuple) -> tuple:
    (pk, pole, title, summary, description, domain, model, stage, insee, commune, structure, supporters,
     created, updated) = row  # fmt: skip
    return (
        pk,
        pole,
        title,
        summary,
        description,
        domain,
        ds.labels["domain"].get(domain, domain),
        model,
        stage,
        ds.labels["stage"].get(stage, stage),
        insee,
        commune,
        structure,
        supporters,
        ds.url.format(pole=pole, pk=pk),
        _local(created),
        _local(updated),
    )


PROJECTS = Dataset(
    slug="projets",
    title=_("Projets publics"),
    description=_(
        "Les idées et projets que leurs porteurs ont rendus publics, avec leur étape dans le parcours "
        "d’accompagnement. Le nom d’une personne porteuse n’y figure pas : seule une structure porteuse est citée."
    ),
    columns=[
        Column("id", "entier", _("Identifiant du projet (stable).")),
        Column("pole", "texte", _("Identifiant du pôle.")),
        Column("titre", "texte", _("Titre du projet.")),
        Column("resume", "texte", _("L’idée en une phrase.")),
        Column("description", "texte", _("Description (Markdown).")),
        Column("domaine", "texte", _("Code du domaine (culture, food, ecology…).")),
        Column("domaine_libelle", "texte", _("Domaine en toutes lettres.")),
        Column("modele_economique", "texte", _("market (marchand), associative (associatif) ou mixed (mixte).")),
        Column("etape", "texte", _("Code de l’étape (submitted, structuring, business_model…).")),
        Column("etape_libelle", "texte", _("Étape en toutes lettres.")),
        Column("commune_insee", "texte", _("Code INSEE de la commune du projet.")),
        Column("commune_nom", "texte", _("Nom de la commune.")),
        Column("structure_porteuse", "texte", _("Nom de la structure qui porte le projet, le cas échéant.")),
        Column("soutiens", "entier", _("Nombre de personnes qui soutiennent le projet.")),
        Column("url", "url", _("Page du projet sur la plateforme.")),
        Column("depose_le", "date-heure", _("Date de dépôt (ISO 8601, heure de Paris).")),
        Column("mis_a_jour_le", "date-heure", _("Date de dernière modification.")),
    ],
    queryset=lambda: Project.objects.filter(visibility=ProjectVisibility.PUBLIC),
    pole_filter="pole_id",
    order_by=("id",),
    select=lambda: [
        "id",
        "pole__slug",
        "title",
        "summary",
        "description",
        "domain",
        "economic_model",
        "stage",
        "commune_id",
        "commune__name",
        "holder_structure__name",
        "supporters_count",
        "created_at",
        "updated_at",
    ],  # fmt: skip
    build=_project_build,
    last_update="updated_at",
    extra={
        "choices": {"domain": Domain.choices, "stage": Stage.choices, "economic_model": EconomicModel.choices},
        "url": (("projects:detail",), {"pole": "pole", "pk": "pk"}),
    },
)


# --- Events --------------------------------------------------------------------------------------


def _event_build(ds: Dataset, row: tuple) -> tuple:
    (pk, pole, title, kind, starts, ends, status, place, room, address, insee, commune, capacity, organiser,
     description, updated) = row  # fmt: skip
    return (
        pk,
        pole,
        title,
        kind,
        ds.labels["kind"].get(kind, kind),
        _local(starts),
        _local(ends),
        status,
        place,
        room or "",
        address if place == PlaceKind.ADDRESS else "",
        insee,
        commune,
        capacity,
        organiser,
        description,
        ds.url.format(pole=pole, pk=pk),
        _local(updated),
    )


EVENTS = Dataset(
    slug="evenements",
    title=_("Événements publics"),
    description=_(
        "Les événements ouverts à tout le monde : rencontres, séminaires, ateliers, permanences, bourses aux "
        "projets… Les événements réservés aux membres et les liens de visioconférence n’y figurent pas."
    ),
    columns=[
        Column("id", "entier", _("Identifiant de l’événement (stable).")),
        Column("pole", "texte", _("Identifiant du pôle.")),
        Column("titre", "texte", _("Titre de l’événement.")),
        Column("type", "texte", _("Code du type (meeting, seminar, workshop, bourse…).")),
        Column("type_libelle", "texte", _("Type en toutes lettres.")),
        Column("debut", "date-heure", _("Début (ISO 8601, heure de Paris).")),
        Column("fin", "date-heure", _("Fin (ISO 8601, heure de Paris).")),
        Column("statut", "texte", _("scheduled (programmé) ou cancelled (annulé).")),
        Column("lieu_type", "texte", _("room (salle du pôle), address (adresse) ou online (en ligne).")),
        Column("salle", "texte", _("Nom de la salle du pôle, le cas échéant.")),
        Column("adresse", "texte", _("Adresse, le cas échéant.")),
        Column("commune_insee", "texte", _("Code INSEE de la commune.")),
        Column("commune_nom", "texte", _("Nom de la commune.")),
        Column("places", "entier", _("Nombre de places (vide : pas de limite).")),
        Column("structure_organisatrice", "texte", _("Nom de la structure qui organise, le cas échéant.")),
        Column("description", "texte", _("Description (Markdown).")),
        Column("url", "url", _("Page de l’événement sur la plateforme.")),
        Column("mis_a_jour_le", "date-heure", _("Date de dernière modification.")),
    ],
    queryset=lambda: Event.objects.filter(audience=Audience.PUBLIC),
    pole_filter="pole_id",
    order_by=("starts_at", "id"),
    select=lambda: [
        "id",
        "pole__slug",
        "title",
        "kind",
        "starts_at",
        "ends_at",
        "status",
        "place_kind",
        "room__name",
        "address",
        "commune_id",
        "commune__name",
        "capacity",
        "organiser_structure__name",
        "description",
        "updated_at",
    ],  # fmt: skip
    build=_event_build,
    last_update="updated_at",
    extra={
        "choices": {"kind": EventKind.choices, "status": EventStatus.choices},
        "url": (("agenda:detail",), {"pole": "pole", "pk": "pk"}),
    },
)


# --- Decisions -----------------------------------------------------------------------------------


def _decision_build(ds: Dataset, row: tuple) -> tuple:
    pk, pole, number, decided_on, body, body_kind, title, text, result, created = row
    return (
        pk,
        pole,
        number,
        _day(decided_on),
        body,
        body_kind,
        ds.labels["body_kind"].get(body_kind, body_kind),
        title,
        text,
        result,
        _local(created),
    )


DECISIONS = Dataset(
    slug="decisions",
    title=_("Décisions adoptées"),
    description=_(
        "Le registre des décisions des instances publiques des pôles (conseil d’administration, assemblée "
        "générale, commissions…), numérotées par pôle et par année. Les décisions des instances réservées "
        "aux membres n’y figurent pas."
    ),
    columns=[
        Column("id", "entier", _("Identifiant de la décision (stable).")),
        Column("pole", "texte", _("Identifiant du pôle.")),
        Column("numero", "texte", _("Numéro dans le registre du pôle (année-numéro, ex. 2025-007).")),
        Column("date", "date", _("Date de la décision (AAAA-MM-JJ).")),
        Column("instance", "texte", _("Nom de l’instance qui a décidé.")),
        Column("instance_type", "texte", _("board, bureau, commission ou general_meeting.")),
        Column("instance_type_libelle", "texte", _("Type d’instance en toutes lettres.")),
        Column("intitule", "texte", _("Intitulé de la décision.")),
        Column("texte", "texte", _("Texte de la décision (Markdown).")),
        Column("resultat", "texte", _("Résultat du vote.")),
        Column("enregistre_le", "date-heure", _("Date d’inscription au registre.")),
    ],
    queryset=lambda: Decision.objects.filter(body__visibility=Visibility.PUBLIC),
    pole_filter="pole_id",
    order_by=("pole_id", "year", "sequence"),
    select=lambda: [
        "id",
        "pole__slug",
        "number",
        "decided_on",
        "body__name",
        "body__kind",
        "title",
        "text",
        "result",
        "created_at",
    ],  # fmt: skip
    build=_decision_build,
    last_update="created_at",
    extra={"choices": {"body_kind": BodyKind.choices}},
)


# --- Poles ---------------------------------------------------------------------------------------


def _pole_build(ds: Dataset, row: tuple) -> tuple:
    pk, slug, name, short, kind, legal_form, territory, tagline, website, email, is_demo, created = row
    return (
        pk,
        slug,
        name,
        short,
        kind,
        ds.labels["kind"].get(kind, kind),
        legal_form,
        territory,
        tagline,
        website,
        email,
        is_demo,
        ds.url.format(pole=slug),
        _local(created),
    )


POLES = Dataset(
    slug="poles",
    title=_("Pôles du réseau"),
    description=_(
        "Les pôles présents sur la plateforme : pôles territoriaux de coopération économique (PTCE), "
        "pôles ressources, réseaux, pôles en préparation (et pôles de compétitivité décrits pour comparaison)."
    ),
    columns=[
        Column("id", "entier", _("Identifiant du pôle (stable).")),
        Column("slug", "texte", _("Identifiant d’adresse du pôle, utilisé par les autres jeux (colonne pole).")),
        Column("nom", "texte", _("Nom du pôle.")),
        Column("nom_court", "texte", _("Nom court.")),
        Column("type", "texte", _("ptce, resource, network, preparation ou competitive.")),
        Column("type_libelle", "texte", _("Type de pôle en toutes lettres.")),
        Column("forme_juridique", "texte", _("association, scic, charter (charte sans structure) ou other.")),
        Column("territoire", "texte", _("Nom du territoire.")),
        Column("accroche", "texte", _("Le pôle en une phrase.")),
        Column("site_web", "url", _("Site web du pôle.")),
        Column("email_contact", "texte", _("E-mail de contact du pôle.")),
        Column("donnees_de_demonstration", "booléen", _("true pour un pôle de démonstration (données fictives).")),
        Column("url", "url", _("Page du pôle sur la plateforme.")),
        Column("cree_le", "date-heure", _("Date d’ouverture du pôle sur la plateforme.")),
    ],
    queryset=lambda: Pole.objects.all(),
    pole_filter="pk",
    order_by=("id",),
    select=lambda: [
        "id",
        "slug",
        "name",
        "short_name",
        "kind",
        "legal_form",
        "territory_name",
        "tagline",
        "website",
        "contact_email",
        "is_demo",
        "created_at",
    ],  # fmt: skip
    build=_pole_build,
    last_update="created_at",
    extra={
        "choices": {"kind": PoleKind.choices, "legal_form": PoleLegalForm.choices},
        "url": (("poles:home",), {"pole": "pole"}),
    },
)

DATASETS: dict[str, Dataset] = {ds.slug: ds for ds in (STRUCTURES, PROJECTS, EVENTS, DECISIONS, POLES)}
