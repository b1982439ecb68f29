"""People: one account per e-mail address, with the profile shown in the directory."""

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

    def __str__(self) -> str:
        return self.public_name

    @property
    def public_name(self) -> str:
        full = f"{self.first_name} {self.last_name}".strip()
        return self.display_name or full or self.email.split("@")[0]
