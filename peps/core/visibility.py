"""Who may see a field or a row: the three privacy levels used across the platform."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Tout le monde")
    MEMBERS = "members", _("Membres du pôle")
    COORDINATORS = "coordinators", _("Coordination du pôle")


# Rank of each level; a viewer sees a field when their rank reaches the field's.
RANK = {Visibility.PUBLIC: 0, Visibility.MEMBERS: 1, Visibility.COORDINATORS: 2}


def can_see(level: str, viewer_rank: int) -> bool:
    return viewer_rank >= RANK.get(level, 2)
