"""Erasing an account (RGPD art. 17) without breaking what others read.

The User row stays, anonymised in place, so that every comment, argument, proposal, vote
and decision that points to it still renders, now signed « Compte supprimé ». What only
served the person is deleted; what is the association's record is kept:

deleted   e-mail addresses (allauth), login attempts (axes), notifications and their
          settings, follows (projects, debates, bodies), calendar and other tokens,
          newsletter subscriptions, personal data archives, representations of structures,
          resource-person invitations and registrations to events that have not started
          (a place is freed for the waiting list), bookings that have not started (cancelled);
closed    current seats (ended today), proxies (revoked), personal partnership offers,
          memberships (status « sortie »: kept with their fees for the accounts, 10 years);
kept      projects, comments, debate arguments, replies and proposals, supports and
          reactions (counts stay true), open-ballot votes and participations, past events
          and bookings, partnership histories — all linked to the anonymous account;
sessions  every other session dies at its next request: the unusable password changes the
          session hash Django checks, and the account is inactive.

Each app erases its own part from its AppConfig.ready() with `erasers.register(key, eraser,
order=…)` (see peps/<app>/personal_data.py); this module imports no other app.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from peps.core.tenancy import forget_roles
from peps.core.visibility import Visibility

from .models import ErasureRecord, PersonalDataExport, User
from .personal_data import user_relations

ANONYMOUS_NAME = "Compte supprimé"
ANONYMOUS_DOMAIN = "invalid"


@dataclass(frozen=True)
class Erasure:
    """What an eraser needs: the person, the moment of the erasure, the e-mail before it."""

    user: User
    now: datetime.datetime
    old_email: str

    @property
    def today(self) -> datetime.date:
        return timezone.localdate(self.now)


Eraser = Callable[[Erasure], int]


class EraserRegistry:
    """What each app deletes or closes when a person erases their account, registered from
    its AppConfig.ready(). Erasers run in `order`; erasers sharing a key add up in the trace
    (« suivis » counts the follows of projects, debates and bodies)."""

    def __init__(self) -> None:
        self._entries: dict[tuple[str, str], tuple[int, str, Eraser]] = {}

    def register(self, key: str, eraser: Eraser, *, order: int) -> None:
        self._entries[(key, f"{eraser.__module__}.{eraser.__qualname__}")] = (order, key, eraser)

    def unregister(self, key: str, eraser: Eraser) -> None:
        self._entries.pop((key, f"{eraser.__module__}.{eraser.__qualname__}"), None)

    def run(self, erasure: Erasure) -> dict[str, int]:
        """Every eraser in order; rows handled per key."""
        summary: dict[str, int] = {}
        for _order, key, eraser in sorted(self._entries.values(), key=lambda e: e[0]):
            summary[key] = summary.get(key, 0) + eraser(erasure)
        return summary


erasers = EraserRegistry()


def anonymous_email(user: User) -> str:
    return f"deleted-{user.pk}@{ANONYMOUS_DOMAIN}"


def is_erased(user: User) -> bool:
    return not user.is_active and user.email == anonymous_email(user)


# --- What only served the person (the account's own part; other apps register theirs) -------


def delete(queryset) -> int:
    count, _detail = queryset.delete()
    return count


def tokens(erasure: Erasure) -> int:
    """Every model named …Token that points to the person (calendar feed, API, …)."""
    count = 0
    for model, fields in user_relations():
        if model.__name__.endswith("Token"):
            condition = Q()
            for field in fields:
                condition |= Q(**{field.name: erasure.user})
            count += delete(model._base_manager.filter(condition))
    return count


def archives(erasure: Erasure) -> int:
    from .services import _delete_exports  # services imports this module

    return _delete_exports(PersonalDataExport.objects.filter(user=erasure.user))


def login_traces(erasure: Erasure) -> int:
    from allauth.account.models import EmailAddress

    count = delete(EmailAddress.objects.filter(user=erasure.user))
    if apps.is_installed("allauth.socialaccount"):
        from allauth.socialaccount.models import SocialAccount

        count += delete(SocialAccount.objects.filter(user=erasure.user))
    if apps.is_installed("axes"):
        from axes.models import AccessAttempt, AccessFailureLog, AccessLog

        for model in (AccessAttempt, AccessFailureLog, AccessLog):
            count += delete(model.objects.filter(username__iexact=erasure.old_email))
    return count


def _anonymise(user: User) -> None:
    user.email = anonymous_email(user)
    user.display_name = ANONYMOUS_NAME
    user.first_name = user.last_name = ""
    user.commune = None
    user.skills = user.offer = user.bio = user.phone = ""
    user.search_text = ""
    user.profile_visibility = user.email_visibility = user.phone_visibility = Visibility.COORDINATORS
    user.set_unusable_password()
    user.is_active = user.is_staff = user.is_superuser = False
    user.last_login = None
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    forget_roles(user)


def user_erase(*, user: User, by: User | None = None, now=None) -> ErasureRecord:
    """Erase the person's data and anonymise their account in place; returns the trace."""
    if is_erased(user):
        raise ValidationError(_("Ce compte est déjà supprimé."))
    now = now or timezone.now()
    old_email = user.email
    by_self = by is None or by.pk == user.pk
    with transaction.atomic():
        summary = erasers.run(Erasure(user=user, now=now, old_email=old_email))
        _anonymise(user)
        record = ErasureRecord.objects.create(
            account_id=user.pk, by_self=by_self, summary={k: v for k, v in summary.items() if v}
        )
    return record
