"""Abstract bases shared by the apps' models. No table of its own: core stays the base."""

from django.conf import settings
from django.db import models


class PoleOwnedQuerySet(models.QuerySet):
    def for_pole(self, pole) -> "PoleOwnedQuerySet":
        """The rows of one pole: the way to start a tenant-owned read, so that a read without
        a pole stands out in review."""
        return self.filter(pole=pole)


class PoleOwned(models.Model):
    """A row that belongs to one pole (its tenant), with who created it and when.

    The reverse accessor is the plural of the model's name (pole.structures, pole.events,
    pole.resources). The pole model is named by its label, as Django names the user model:
    the base imports no domain app (see docs/architecture.md)."""

    pole = models.ForeignKey("poles.Pole", on_delete=models.CASCADE, related_name="%(class)ss")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PoleOwnedQuerySet.as_manager()

    class Meta:
        abstract = True
