"""This app's open datasets (see peps.opendata.datasets for the shape), registered from its
AppConfig.ready()."""

from django.utils.translation import gettext_lazy as _

from peps.opendata.datasets import Column, Dataset, datasets, local_moment

from .models import Audience, Event, EventKind, EventStatus, PlaceKind


def _event_build(ds: Dataset, row: tuple) -> tuple:
    (pk, pole, title, kind, starts, ends, status, place, room, address, insee, commune, capacity, organiser,
     description, updated) = row  # fmt: skip
    return (
        pk,
        pole,
        title,
        kind,
        ds.labels["kind"].get(kind, kind),
        local_moment(starts),
        local_moment(ends),
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
        local_moment(updated),
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


def register() -> None:
    """Called from this app's AppConfig.ready()."""
    datasets.register(EVENTS, order=30)
