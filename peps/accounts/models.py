"""People: one account per e-mail address, with the profile shown in the directory."""

import uuid

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from peps.core.visibility import Visibility


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email, password, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **extra)


class User(AbstractUser):
    username = None
    email = models.EmailField(_("adresse e-mail"), unique=True)
    display_name = models.CharField(
        _("nom affiché"), max_length=120, blank=True, help_text=_("Le nom sous lequel les autres vous voient.")
    )
    commune = models.ForeignKey(
        "territory.Commune", verbose_name=_("commune"), on_delete=models.SET_NULL, null=True, blank=True
    )
    skills = models.TextField(_("compétences"), blank=True, help_text=_("Ce que vous savez faire, en quelques mots."))
    offer = models.TextField(
        _("ce que je peux apporter"), blank=True, help_text=_("Temps, savoir-faire, matériel, contacts…")
    )
    bio = models.TextField(_("présentation"), blank=True)
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    profile_visibility = models.CharField(
        _("visibilité du profil"), max_length=12, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    email_visibility = models.CharField(
        _("visibilité de l’adresse e-mail"), max_length=12, choices=Visibility.choices, default=Visibility.COORDINATORS
    )
    phone_visibility = models.CharField(
        _("visibilité du téléphone"), max_length=12, choices=Visibility.choices, default=Visibility.COORDINATORS
    )
    search_text = models.TextField(editable=False, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []
    objects = UserManager()

    class Meta:
        verbose_name = _("personne")
        verbose_name_plural = _("personnes")
        # The network home counts active people: an index scan, not a read of every profile.
        indexes = [models.Index(fields=["is_active"], name="user_is_active")]

    def __str__(self) -> str:
        return self.public_name

    @property
    def public_name(self) -> str:
        full = f"{self.first_name} {self.last_name}".strip()
        return self.display_name or full or self.email.split("@")[0]


class ExportStatus(models.TextChoices):
    PENDING = "pending", _("En attente")
    RUNNING = "running", _("En préparation")
    READY = "ready", _("Prête")
    FAILED = "failed", _("Échec")


class PersonalDataExport(models.Model):
    """An archive of everything the platform holds about one person, built in the background.
    The file lives outside the public media folder and only its owner may download it, until
    `expires_at`."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=10, choices=ExportStatus.choices, default=ExportStatus.PENDING)
    progress = models.PositiveSmallIntegerField(default=0)
    file_name = models.CharField(max_length=200, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("export de données personnelles")
        verbose_name_plural = _("exports de données personnelles")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.public_id} ({self.status})"

    @property
    def in_progress(self) -> bool:
        return self.status in (ExportStatus.PENDING, ExportStatus.RUNNING)


class ErasureRecord(models.Model):
    """The trace of an account erasure: which account row (now anonymous), when, on whose
    initiative, and how many rows of each kind were erased or closed. No name, no address."""

    account_id = models.PositiveBigIntegerField(_("compte"))
    erased_at = models.DateTimeField(_("effacé le"), auto_now_add=True)
    by_self = models.BooleanField(_("à la demande de la personne"), default=True)
    summary = models.JSONField(_("lignes traitées"), default=dict)

    class Meta:
        verbose_name = _("effacement de compte")
        verbose_name_plural = _("effacements de comptes")
        ordering = ["-erased_at"]

    def __str__(self) -> str:
        return f"#{self.account_id} — {self.erased_at:%Y-%m-%d}"
