"""French administrative divisions, imported from Etalab's découpage administratif."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    code = models.CharField(_("code"), max_length=3, primary_key=True)
    name = models.CharField(_("nom"), max_length=120)

    class Meta:
        verbose_name = _("région")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Departement(models.Model):
    code = models.CharField(_("code"), max_length=3, primary_key=True)
    name = models.CharField(_("nom"), max_length=120)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="departements")

    class Meta:
        verbose_name = _("département")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Arrondissement(models.Model):
    code = models.CharField(_("code"), max_length=4, primary_key=True)
    name = models.CharField(_("nom"), max_length=120)
    departement = models.ForeignKey(Departement, on_delete=models.PROTECT, related_name="arrondissements")

    class Meta:
        verbose_name = _("arrondissement")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class EPCI(models.Model):
    code = models.CharField(_("SIREN"), max_length=9, primary_key=True)
    name = models.CharField(_("nom"), max_length=200)
    kind = models.CharField(_("type"), max_length=10, blank=True)

    class Meta:
        verbose_name = _("EPCI")
        verbose_name_plural = _("EPCI")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Commune(models.Model):
    code = models.CharField(_("code INSEE"), max_length=5, primary_key=True)
    name = models.CharField(_("nom"), max_length=120)
    search_name = models.CharField(max_length=120, db_index=True, editable=False)
    population = models.PositiveIntegerField(_("population"), default=0)
    postal_codes = models.CharField(_("codes postaux"), max_length=200, blank=True)
    departement = models.ForeignKey(Departement, on_delete=models.PROTECT, related_name="communes")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="communes")
    arrondissement = models.ForeignKey(
        Arrondissement, on_delete=models.PROTECT, null=True, blank=True, related_name="communes"
    )
    epci = models.ForeignKey(EPCI, on_delete=models.SET_NULL, null=True, blank=True, related_name="communes")
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)

    class Meta:
        verbose_name = _("commune")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.departement_id})"


class CommuneOutline(models.Model):
    """A commune's outline, drawn under a pole's map markers so that the map still reads
    when no tile server answers. A table of its own: the many pages that join a commune
    never load its polygon."""

    commune = models.OneToOneField(Commune, on_delete=models.CASCADE, primary_key=True, related_name="outline")
    # GeoJSON MultiPolygon coordinates: polygons of rings of [longitude, latitude].
    coordinates = models.JSONField(_("contour"))

    class Meta:
        verbose_name = _("contour de commune")
        verbose_name_plural = _("contours de communes")

    def __str__(self) -> str:
        return str(self.commune_id)
