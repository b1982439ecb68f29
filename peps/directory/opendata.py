"""This app's open datasets (see peps.opendata.datasets for the shape), registered from its
AppConfig.ready()."""

from django.db.models import Value
from django.utils.translation import gettext_lazy as _

from peps.opendata.datasets import LIST_SEPARATOR, Column, Dataset, datasets, local_moment, public_value

from .models import LegalForm, MuseumStatus, Structure


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
        public_value("address_visibility", "address"),
        public_value("email_visibility", "email"),
        public_value("phone_visibility", "phone"),
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
        local_moment(created),
        local_moment(updated),
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
    # `= true` rather than Django's bare `WHERE is_active`: SQLite only searches the index on
    # (is_active, updated_at) for an equality, which makes the last change one index entry.
    queryset=lambda: Structure.objects.filter(is_active=Value(True)),
    # A few archived structures among 200,000 (see Dataset.hidden).
    hidden=lambda: Structure.objects.filter(is_active=Value(False)),
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


def register() -> None:
    """Called from this app's AppConfig.ready()."""
    datasets.register(STRUCTURES, order=10)
