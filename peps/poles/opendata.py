"""This app's open datasets (see peps.opendata.datasets for the shape), registered from its
AppConfig.ready()."""

from django.utils.translation import gettext_lazy as _

from peps.opendata.datasets import Column, Dataset, datasets, local_moment

from .models import Pole, PoleKind, PoleLegalForm


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
        local_moment(created),
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


def register() -> None:
    """Called from this app's AppConfig.ready()."""
    datasets.register(POLES, order=50)
