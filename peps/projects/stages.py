"""The support pipeline: stages of a project and the moves allowed between them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    SUBMITTED = "submitted", _("Idée déposée")
    STRUCTURING = "structuring", _("Structuration de l’idée")
    BUSINESS_MODEL = "business_model", _("Modèle économique")
    FORMALISATION = "formalisation", _("Formalisation")
    LAUNCH = "launch", _("Lancement")
    DEVELOPMENT = "development", _("Développement")
    PAUSED = "paused", _("En pause")
    REDIRECTED = "redirected", _("Orienté vers un réseau partenaire")
    ABANDONED = "abandoned", _("Abandonné")
    COMPLETED = "completed", _("Terminé")


# The support path, in order; a project moves one step forward or back along it.
PIPELINE = [
    Stage.SUBMITTED,
    Stage.STRUCTURING,
    Stage.BUSINESS_MODEL,
    Stage.FORMALISATION,
    Stage.LAUNCH,
    Stage.DEVELOPMENT,
]
# Leaving the path needs a written reason: the pole must be able to say why later.
OFF_PATH = [Stage.PAUSED, Stage.REDIRECTED, Stage.ABANDONED, Stage.COMPLETED]
NEEDS_REASON = set(OFF_PATH)
# Stages at which a project is still followed by the coordinators.
OPEN_STAGES = set(PIPELINE) | {Stage.PAUSED}
# Phases of DOMAIN.md: émergence → lancement → développement.
PHASE = {
    Stage.SUBMITTED: "emergence",
    Stage.STRUCTURING: "emergence",
    Stage.BUSINESS_MODEL: "emergence",
    Stage.FORMALISATION: "emergence",
    Stage.LAUNCH: "launch",
    Stage.DEVELOPMENT: "development",
}


def allowed_moves(current: str) -> list[Stage]:
    """Where a project at `current` may go next."""
    if current in PIPELINE:
        index = PIPELINE.index(current)
        moves = []
        if index + 1 < len(PIPELINE):
            moves.append(PIPELINE[index + 1])
        if index > 0:
            moves.append(PIPELINE[index - 1])
        return moves + OFF_PATH
    if current in (Stage.PAUSED, Stage.REDIRECTED):
        # Resuming puts the project back on the path at any stage, or closes it.
        return list(PIPELINE) + [s for s in OFF_PATH if s != current]
    if current in (Stage.ABANDONED, Stage.COMPLETED):
        # A closed project can only be reopened at the start of the path.
        return [Stage.SUBMITTED]
    return []


def can_move(current: str, target: str) -> bool:
    return target in allowed_moves(current)


# What the coordination commits to when an idea is submitted: a first answer within this
# many days (said on the « what next » page).
REPLY_WITHIN_DAYS = 15

# The support path told to a citizen: what each stage means for them.
STEP_TEXTS = {
    Stage.SUBMITTED: _("La coordination du pôle lit votre idée et vous propose un premier échange."),
    Stage.STRUCTURING: _(
        "Vous précisez l’idée avec la coordination : le besoin, les personnes concernées, les premiers partenaires."
    ),
    Stage.BUSINESS_MODEL: _("Vous construisez ensemble la façon dont l’activité vivra : ressources, coûts, statut."),
    Stage.FORMALISATION: _("Le projet prend forme : structure juridique, financements, calendrier."),
    Stage.LAUNCH: _("L’activité démarre, avec l’appui du pôle et de ses membres."),
    Stage.DEVELOPMENT: _("L’activité grandit ; le pôle reste à vos côtés."),
}


def public_steps(current: str) -> list[dict]:
    """The support path with, for each stage, whether it is done, current or ahead."""
    index = PIPELINE.index(current) if current in PIPELINE else -1
    return [
        {
            "stage": stage,
            "label": stage.label,
            "text": STEP_TEXTS[stage],
            "state": "done" if position < index else "current" if position == index else "ahead",
        }
        for position, stage in enumerate(PIPELINE)
    ]
