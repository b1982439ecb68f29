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

Other apps may add their own rule with `register_erasure_handler`.
"""

from collections.abc import Callable

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

# label -> handler(user) -> number of rows handled. Add yours from your AppConfig.ready().
HANDLERS: dict[str, Callable[[User], int]] = {}


def register_erasure_handler(label: str, handler: Callable[[User], int]) -> None:
    HANDLERS[label] = handler


def anonymous_email(user: User) -> str:
    return f"deleted-{user.pk}@{ANONYMOUS_DOMAIN}"


def is_erased(user: User) -> bool:
    return not user.is_active and user.email == anonymous_email(user)


def _model(label: str):
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def _delete(queryset) -> int:
    count, _detail = queryset.delete()
    return count


# --- What only served the person ---------------------------------------------------------------


def _follows(user: User) -> int:
    from peps.deliberation import services as deliberation
    from peps.deliberation.models import Follow as DebateFollow
    from peps.governance.models import BodyFollow
    from peps.projects import services as projects
    from peps.projects.models import Follow as ProjectFollow

    count = 0
    # One by one through the services, which keep the followers counters right.
    for follow in ProjectFollow.objects.filter(person=user).select_related("project"):
        count += projects.project_unfollow(project=follow.project, person=user)
    for follow in DebateFollow.objects.filter(person=user).select_related("debate", "consultation"):
        count += deliberation.follow_remove(target=follow.debate or follow.consultation, person=user)
    return count + _delete(BodyFollow.objects.filter(person=user))


def _notifications(user: User) -> int:
    from peps.notifications.models import Notification, NotificationSettings

    return _delete(Notification.objects.filter(recipient=user)) + _delete(
        NotificationSettings.objects.filter(person=user)
    )


def _tokens(user: User) -> int:
    """Every model named …Token that points to the person (calendar feed, API, …)."""
    count = 0
    for model, fields in user_relations():
        if model.__name__.endswith("Token"):
            condition = Q()
            for field in fields:
                condition |= Q(**{field.name: user})
            count += _delete(model._base_manager.filter(condition))
    return count


def _newsletters(user: User, old_email: str) -> int:
    Subscription = _model("newsletters.Subscription")
    Delivery = _model("newsletters.Delivery")
    if Subscription is None:
        return 0
    # The record of what was sent stays, without the address.
    Delivery.objects.filter(address__iexact=old_email).update(address=anonymous_email(user))
    return _delete(Subscription.objects.filter(Q(user=user) | Q(user__isnull=True, email__iexact=old_email)))


def _archives(user: User) -> int:
    from .services import _delete_exports

    return _delete_exports(PersonalDataExport.objects.filter(user=user))


def _representations(user: User) -> int:
    from peps.directory.models import Representative

    return _delete(Representative.objects.filter(person=user))


def _future_agenda(user: User, now) -> int:
    from peps.agenda import services as agenda
    from peps.agenda.models import Registration, RegistrationStatus, ResourcePerson

    count = 0
    upcoming = Registration.objects.filter(person=user, event__starts_at__gt=now).exclude(
        status=RegistrationStatus.CANCELLED
    )
    for registration in upcoming:
        agenda.registration_cancel(registration=registration, by=user)  # frees the place for the waiting list
        count += 1
    return count + _delete(ResourcePerson.objects.filter(person=user, session__event__starts_at__gt=now))


def _future_bookings(user: User, now) -> int:
    from peps.commons.models import Booking, BookingStatus

    # The person cancels their own bookings: the coordination needs no e-mail about it, so
    # this is the service's write without its notification.
    return Booking.objects.filter(
        booked_by=user, starts_at__gt=now, status__in=[BookingStatus.REQUESTED, BookingStatus.CONFIRMED]
    ).update(status=BookingStatus.CANCELLED, cancelled_at=now, decision_note=ANONYMOUS_NAME)


def _governance(user: User, now) -> int:
    from peps.governance import services as governance
    from peps.governance.models import BodyMember, Proxy

    today = timezone.localdate(now)
    count = _delete(BodyMember.objects.filter(person=user, since__gt=today))
    for seat in BodyMember.objects.filter(person=user).filter(Q(until__isnull=True) | Q(until__gt=today)):
        governance.body_member_end(seat=seat, by=None, until=today)
        count += 1
    for proxy in Proxy.objects.filter(Q(giver=user) | Q(holder=user), revoked_at__isnull=True):
        governance.proxy_revoke(proxy=proxy, by=None)
        count += 1
    return count


def _personal_offers(user: User) -> int:
    from peps.partnerships.models import Offer

    count = 0
    for offer in Offer.objects.filter(person=user, is_open=True):
        offer.is_open = False
        offer.save(update_fields=["is_open", "updated_at"])  # the matching index follows (signal)
        count += 1
    return count


def _memberships(user: User, now) -> int:
    from peps.poles.models import Membership, MembershipStatus

    return Membership.objects.filter(
        person=user, status__in=[MembershipStatus.ACTIVE, MembershipStatus.PENDING]
    ).update(status=MembershipStatus.LEFT, left_on=timezone.localdate(now))


def _login_traces(user: User, old_email: str) -> int:
    from allauth.account.models import EmailAddress

    count = _delete(EmailAddress.objects.filter(user=user))
    if apps.is_installed("allauth.socialaccount"):
        from allauth.socialaccount.models import SocialAccount

        count += _delete(SocialAccount.objects.filter(user=user))
    if apps.is_installed("axes"):
        from axes.models import AccessAttempt, AccessFailureLog, AccessLog

        for model in (AccessAttempt, AccessFailureLog, AccessLog):
            count += _delete(model.objects.filter(username__iexact=old_email))
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
        summary = {
            "suivis": _follows(user),
            "notifications": _notifications(user),
            "jetons": _tokens(user),
            "lettres_d_information": _newsletters(user, old_email),
            "archives": _archives(user),
            "representations": _representations(user),
            "inscriptions_a_venir": _future_agenda(user, now),
            "reservations_a_venir": _future_bookings(user, now),
            "sieges_et_pouvoirs": _governance(user, now),
            "offres_personnelles": _personal_offers(user),
            "adhesions_closes": _memberships(user, now),
            "traces_de_connexion": _login_traces(user, old_email),
        }
        for label, handler in HANDLERS.items():
            summary[label] = handler(user)
        _anonymise(user)
        record = ErasureRecord.objects.create(
            account_id=user.pk, by_self=by_self, summary={k: v for k, v in summary.items() if v}
        )
    return record
