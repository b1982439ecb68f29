"""Writes of the pool of resource people: add or edit a person, send a request on a pole's
behalf, record the answer, withdraw a request. Each status change stamps who and when, and
the people concerned are told by e-mail once the transaction commits."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from peps.core.tenancy import is_coordinator, is_network_admin
from peps.notifications.services import email_without_account, notify

from .models import Purpose, RequestStatus, ResourcePerson, ResourceRequest


def _link(request: ResourceRequest) -> str:
    return settings.SITE_URL.rstrip("/") + request.get_absolute_url()


def _tell_resource_person(person: ResourcePerson, request: ResourceRequest, template: str, context: dict) -> None:
    """A resource person with an account is told through the notifications app; one
    without (the pool keeps people who never signed up) at the pool's e-mail address only."""
    if person.user_id:
        notify(
            recipients=[person.user],
            kind=f"resourcepeople.{template}",
            url=request.get_absolute_url(),
            pole=request.pole,
            email_template=f"resourcepeople/email/{template}",
            context=context,
        )
    elif person.email:
        email_without_account(to=[person.email], template=f"resourcepeople/email/{template}", context=context)


def person_save(*, person: ResourcePerson, by, departements=None, regions=None) -> ResourcePerson:
    """Create or update a person of the pool (network administrators only)."""
    if not is_network_admin(by):
        raise PermissionDenied
    person.refresh_search_text()
    with transaction.atomic():
        person.save()
        if departements is not None:
            person.departements.set(departements)
        if regions is not None:
            person.regions.set(regions)
    return person


def request_send(*, pole, person: ResourcePerson, by, purpose: str, message: str, project=None) -> ResourceRequest:
    """A pole's coordination asks a resource person for help; the person gets an e-mail."""
    if not is_coordinator(by, pole):
        raise PermissionDenied
    if not person.is_active:
        raise ValidationError(_("Cette personne ne fait plus partie du vivier : elle ne peut plus être sollicitée."))
    if purpose not in Purpose.values:
        raise ValidationError({"purpose": _("Choisissez l’objet de la sollicitation.")})
    if project is not None and project.pole_id != pole.pk:
        raise ValidationError({"project": _("Ce projet n’appartient pas au pôle choisi.")})
    if not (message or "").strip():
        raise ValidationError({"message": _("Expliquez en quelques lignes ce que vous attendez de la personne.")})
    with transaction.atomic():
        request = ResourceRequest.objects.create(
            pole=pole,
            requested_by=by,
            person=person,
            purpose=purpose,
            project=project if purpose == Purpose.PROJECT else None,
            message=message.strip(),
        )
    _tell_resource_person(
        person,
        request,
        "request_sent",
        {"request": request, "person": person, "pole": pole, "by": by, "link": _link(request)},
    )
    return request


def _locked_pending(request: ResourceRequest) -> ResourceRequest:
    current = ResourceRequest.objects.select_for_update().get(pk=request.pk)
    if current.status != RequestStatus.PENDING:
        raise ValidationError(
            _("Cette sollicitation n’est plus en attente (statut : %(status)s).")
            % {"status": current.get_status_display()}
        )
    return current


def request_answer(*, request: ResourceRequest, by, accept: bool, answer: str = "") -> ResourceRequest:
    """Record the person's answer (by the person, or by a network administrator for them)."""
    if not (is_network_admin(by) or (request.person.user_id and request.person.user_id == by.pk)):
        raise PermissionDenied
    with transaction.atomic():
        current = _locked_pending(request)
        current.status = RequestStatus.ACCEPTED if accept else RequestStatus.DECLINED
        current.answer = (answer or "").strip()
        current.answered_at = timezone.now()
        current.answered_by = by
        current.save(update_fields=["status", "answer", "answered_at", "answered_by"])
    request.status, request.answer = current.status, current.answer
    request.answered_at, request.answered_by = current.answered_at, by
    if request.requested_by_id:
        notify(
            recipients=[request.requested_by],
            kind="resourcepeople.request_answered",
            url=request.get_absolute_url(),
            pole=request.pole,
            email_template="resourcepeople/email/request_answered",
            context={"request": request, "person": request.person, "pole": request.pole, "link": _link(request)},
        )
    return request


def request_withdraw(*, request: ResourceRequest, by) -> ResourceRequest:
    """The pole's coordination withdraws a pending request; the person is told."""
    if not is_coordinator(by, request.pole):
        raise PermissionDenied
    with transaction.atomic():
        current = _locked_pending(request)
        current.status = RequestStatus.WITHDRAWN
        current.answered_at = timezone.now()
        current.answered_by = by
        current.save(update_fields=["status", "answered_at", "answered_by"])
    request.status, request.answered_at, request.answered_by = current.status, current.answered_at, by
    _tell_resource_person(
        request.person,
        request,
        "request_withdrawn",
        {"request": request, "person": request.person, "pole": request.pole, "link": _link(request)},
    )
    return request
