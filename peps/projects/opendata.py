"""This app's open datasets (see peps.opendata.datasets for the shape), registered from its
AppConfig.ready()."""

from django.utils.translation import gettext_lazy as _

from peps.opendata.datasets import Column, Dataset, datasets, local_moment

from .models import Domain, EconomicModel, Project, ProjectVisibility
from .stages import Stage


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
        local_moment(created),
        local_moment(updated),
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
    # The complement (visibility is never null): the members-only projects are the few.
    # Named, not « not public »: an index can seek `IN (…)` but must scan a NOT (15 ms).
    hidden=lambda: Project.objects.filter(
        visibility__in=[value for value in ProjectVisibility.values if value != ProjectVisibility.PUBLIC]
    ),
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


def register() -> None:
    """Called from this app's AppConfig.ready()."""
    datasets.register(PROJECTS, order=20)
