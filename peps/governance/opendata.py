"""This app's open datasets (see peps.opendata.datasets for the shape), registered from its
AppConfig.ready()."""

from django.utils.translation import gettext_lazy as _

from peps.core.visibility import Visibility
from peps.opendata.datasets import Column, Dataset, datasets, iso_day, local_moment

from .models import BodyKind, Decision


def _decision_build(ds: Dataset, row: tuple) -> tuple:
    pk, pole, number, decided_on, body, body_kind, title, text, result, created = row
    return (
        pk,
        pole,
        number,
        iso_day(decided_on),
        body,
        body_kind,
        ds.labels["body_kind"].get(body_kind, body_kind),
        title,
        text,
        result,
        local_moment(created),
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


def register() -> None:
    """Called from this app's AppConfig.ready()."""
    datasets.register(DECISIONS, order=40)
