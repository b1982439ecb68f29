"""The directory: structures (any legal entity) of a pole, their sectors and representatives."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from peps.core.identifiers import validate_rna, validate_siren, validate_siret
from peps.core.models import PoleOwned
from peps.core.text import build_search_text
from peps.core.visibility import Visibility


class LegalForm(models.TextChoices):
    ASSOCIATION = "association", _("Association")
    SCOP = "scop", _("SCOP")
    SCIC = "scic", _("SCIC")
    MUTUELLE = "mutuelle", _("Mutuelle")
    FONDATION = "fondation", _("Fondation")
    SIAE = "siae", _("Structure d’insertion (SIAE)")
    ENTREPRISE_ADAPTEE = "ea", _("Entreprise adaptée")
    PME = "pme", _("PME socialement responsable")
    COLLECTIVITE = "collectivite", _("Collectivité territoriale")
    ENSEIGNEMENT = "enseignement", _("Établissement d’enseignement ou de recherche")
    MUSEE = "musee", _("Musée")
    RESEAU = "reseau", _("Réseau ou fédération")
    AUTRE = "autre", _("Autre")


class MuseumStatus(models.TextChoices):
    MUSEE_DE_FRANCE = "musee_de_france", _("Musée de France")
    ASSOCIATIF = "associatif", _("Musée associatif")
    PREPARATION = "preparation", _("Musée en préparation")


class Sector(models.Model):
    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(_("nom"), max_length=100)

    class Meta:
        verbose_name = _("secteur")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Structure(PoleOwned):
    # The base's pole field, with the reverse accessor this model always had (no migration).
    pole = models.ForeignKey("poles.Pole", on_delete=models.CASCADE, related_name="structures")
    name = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(max_length=80)
    legal_form = models.CharField(_("forme juridique"), max_length=14, choices=LegalForm.choices)
    museum_status = models.CharField(
        _("statut du musée"),
        max_length=16,
        choices=MuseumStatus.choices,
        blank=True,
        help_text=_("Seulement pour un musée."),
    )
    siren = models.CharField(_("SIREN"), max_length=9, blank=True, validators=[validate_siren])
    siret = models.CharField(_("SIRET"), max_length=14, blank=True, validators=[validate_siret])
    rna = models.CharField(_("numéro RNA"), max_length=10, blank=True, validators=[validate_rna])
    sectors = models.ManyToManyField(Sector, verbose_name=_("secteurs"), blank=True, related_name="structures")
    # Facts from the official registers (SIRENE, RNA): see peps/imports/registers.py.
    naf_code = models.CharField(_("code NAF"), max_length=6, blank=True)
    legal_category = models.CharField(
        _("catégorie juridique (INSEE)"), max_length=4, blank=True, help_text=_("Code à 4 chiffres du registre SIRENE.")
    )
    is_ess = models.BooleanField(_("entreprise de l’ESS"), null=True, blank=True)
    founded_on = models.DateField(_("date de création"), null=True, blank=True)
    commune = models.ForeignKey(
        "territory.Commune", verbose_name=_("commune"), on_delete=models.PROTECT, null=True, blank=True
    )
    summary = models.CharField(_("en une phrase"), max_length=240, blank=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown accepté."))
    website = models.URLField(_("site web"), blank=True)
    address = models.CharField(_("adresse"), max_length=240, blank=True)
    address_visibility = models.CharField(
        _("visibilité de l’adresse"), max_length=12, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    email = models.EmailField(_("e-mail"), blank=True)
    email_visibility = models.CharField(
        _("visibilité de l’e-mail"), max_length=12, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    phone_visibility = models.CharField(
        _("visibilité du téléphone"), max_length=12, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    contact_name = models.CharField(_("personne à contacter"), max_length=120, blank=True)
    contact_visibility = models.CharField(
        _("visibilité de la personne à contacter"),
        max_length=12,
        choices=Visibility.choices,
        default=Visibility.MEMBERS,
    )
    search_text = models.TextField(editable=False, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("structure")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["pole", "slug"], name="unique_structure_slug")]
        indexes = [
            models.Index(fields=["pole", "is_active", "name"]),
            models.Index(fields=["pole", "legal_form", "name"]),
            models.Index(fields=["pole", "commune", "name"]),
            # The network home and the open data page count active structures (and their last change).
            models.Index(fields=["is_active", "updated_at"], name="structure_is_active"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("directory:structure", kwargs={"pole": self.pole.slug, "slug": self.slug})

    def clean(self) -> None:
        """Rules that tie fields together; the form and the services both rely on them."""
        errors = {}
        if self.legal_form == LegalForm.MUSEE and not self.museum_status:
            errors["museum_status"] = _("Indiquez le statut du musée.")
        elif self.legal_form != LegalForm.MUSEE and self.museum_status:
            errors["museum_status"] = _("Le statut de musée ne concerne que les musées : laissez ce champ vide.")
        if self.rna and self.legal_form != LegalForm.ASSOCIATION:
            errors["rna"] = _(
                "Seules les associations ont un numéro RNA : laissez ce champ vide ou choisissez « Association »."
            )
        if self.siren and self.siret and not self.siret.startswith(self.siren):
            errors["siret"] = _(
                "Le SIRET d’un établissement commence par le SIREN de la structure (ses 9 premiers chiffres)."
            )
        if errors:
            raise ValidationError(errors)

    def refresh_search_text(self, sector_names: list[str] | None = None) -> None:
        commune = self.commune.name if self.commune_id and self.commune else ""
        self.search_text = build_search_text(
            self.name,
            self.summary,
            self.get_legal_form_display(),
            commune,
            " ".join(sector_names or []),
            self.description[:1000],
        )


class RepresentativeStatus(models.TextChoices):
    PENDING = "pending", _("Demande en attente")
    APPROVED = "approved", _("Confirmé")
    REFUSED = "refused", _("Refusé")


class Representative(models.Model):
    """A person who speaks for a structure and may keep its page up to date."""

    structure = models.ForeignKey(Structure, on_delete=models.CASCADE, related_name="representatives")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="representations")
    title = models.CharField(_("fonction"), max_length=120, blank=True)
    status = models.CharField(
        _("statut"), max_length=10, choices=RepresentativeStatus.choices, default=RepresentativeStatus.PENDING
    )
    message = models.TextField(_("message"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Who approved or refused the claim, and when: the pole must be able to say it later.
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("décidé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("représentant·e")
        constraints = [models.UniqueConstraint(fields=["structure", "person"], name="unique_representative")]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.person} — {self.structure}"
