"""Referentials: versioned trees of objectives and indicators (the référentiel PTCE and others).

A version used by a campaign is frozen; editing it means making a new version (see services).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Referential(models.Model):
    slug = models.SlugField(_("identifiant"), max_length=60, unique=True)
    name = models.CharField(_("nom"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("référentiel")
        verbose_name_plural = _("référentiels")

    def __str__(self):
        return self.name


class Version(models.Model):
    referential = models.ForeignKey(
        Referential, on_delete=models.CASCADE, related_name="versions", verbose_name=_("référentiel")
    )
    number = models.PositiveIntegerField(_("numéro"))
    label = models.CharField(_("libellé de la version"), max_length=100, blank=True)
    # Names of the tree's levels, from the root down, e.g. ["Objectif général", "Objectif
    # principal", "Indicateur"]; a tree may be of any depth.
    level_names = models.JSONField(_("noms des niveaux"), default=list, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    based_on = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="derived",
        verbose_name=_("version d'origine"),
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("créée par"),
    )
    # Drafts are seen by network administrators only; a published version is public.
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True)
    # Set when a campaign first uses the version: from then on it never changes.
    frozen_at = models.DateTimeField(_("figée le"), null=True, blank=True)

    class Meta:
        ordering = ["referential", "-number"]
        verbose_name = _("version de référentiel")
        verbose_name_plural = _("versions de référentiel")
        constraints = [models.UniqueConstraint(fields=["referential", "number"], name="referential_version_unique")]

    def __str__(self):
        return f"{self.referential} — v{self.number}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("referentials:version", kwargs={"slug": self.referential.slug, "number": self.number})

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def level_name(self, depth: int) -> str:
        if 0 <= depth < len(self.level_names):
            return self.level_names[depth]
        return str(_("Niveau %(n)d") % {"n": depth + 1})


class Item(models.Model):
    """One node of a version's tree: a general objective, a principal objective, an indicator…"""

    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="items", verbose_name=_("version"))
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("élément parent"),
    )
    code = models.CharField(_("code"), max_length=20)
    label = models.CharField(_("libellé"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    theme = models.CharField(_("thème"), max_length=80, blank=True)
    # True when the label is not known yet and is left for the network to complete: never invented.
    to_complete = models.BooleanField(_("libellé à compléter"), default=False)
    depth = models.PositiveSmallIntegerField(_("niveau"), default=0)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["version", "position"]
        verbose_name = _("élément de référentiel")
        verbose_name_plural = _("éléments de référentiel")
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="referential_item_code_unique")]
        indexes = [models.Index(fields=["version", "depth", "position"])]

    def __str__(self):
        return f"{self.code} {self.label}".strip()
