"""Writes on personal API tokens: create (the key is returned once), revoke, and the
lookup made on each authenticated call (which also records the last use)."""

import datetime
import hashlib
import hmac
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ApiToken

KEY_PREFIX = "peps_"
# How many live tokens one person may hold: enough for a few tools, not a leak vector.
MAX_ACTIVE_TOKENS = 10
# last_used_at is written at most this often, so reads through the API do not write each time.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def api_token_create(*, user, name: str) -> tuple[ApiToken, str]:
    """A new token and its key. The key is not stored: show it now, it cannot be shown again."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Donnez un nom au jeton, par exemple l’outil qui l’utilisera.")})
    with transaction.atomic():
        if ApiToken.objects.filter(user=user, revoked_at__isnull=True).count() >= MAX_ACTIVE_TOKENS:
            raise ValidationError(
                _("Vous avez déjà %(n)d jetons actifs : révoquez-en un avant d’en créer un autre.")
                % {"n": MAX_ACTIVE_TOKENS}
            )
        prefix = secrets.token_hex(6)
        key = f"{KEY_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
        token = ApiToken.objects.create(user=user, name=name[:80], prefix=prefix, key_hash=_hash(key))
    return token, key


def api_token_revoke(*, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_token_authenticate(key: str) -> ApiToken | None:
    """The live token matching the key, with its (active) user; None otherwise."""
    if not key.startswith(KEY_PREFIX) or key.count("_") < 2:
        return None
    prefix = key[len(KEY_PREFIX) :].split("_", 1)[0]
    token = (
        ApiToken.objects.filter(prefix=prefix[:16], revoked_at__isnull=True, user__is_active=True)
        .select_related("user")
        .first()
    )
    if token is None or not hmac.compare_digest(token.key_hash, _hash(key)):
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
