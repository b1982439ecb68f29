"""Personal API tokens: a member acts through the API with the same rights as on the site.
Only a hash of the key is stored; the key itself is shown once, when it is created."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("nom du jeton"), max_length=80)
    # The public start of the key, to find the row without scanning hashes.
    prefix = models.CharField(max_length=16, unique=True, editable=False)
    # SHA-256 of the whole key: the key is random (256 bits), so a slow hash adds nothing.
    key_hash = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("dernière utilisation"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("révoqué le"), null=True, blank=True)

    class Meta:
        verbose_name = _("jeton d’API")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "revoked_at"])]
        constraints = [models.CheckConstraint(condition=~Q(name=""), name="api_token_has_a_name")]

    def __str__(self) -> str:
        # Used by the throttle as the identity of the caller: never the key.
        return f"api-token:{self.prefix}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
