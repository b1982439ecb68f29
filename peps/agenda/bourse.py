"""Writes of the Bourse aux projets: presentation slots, resource people, contributions.

A contribution is recorded once, here; the project's support log gets one entry through
peps.projects.services.support_log_add, and the contribution keeps its id so that editing
or deleting the contribution changes or removes that same entry."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from peps.directory.models import Structure
from peps.projects.models import LogEntryKind, Project, SupportLogEntry
from peps.projects.services import support_log_add

from .models import BourseContribution, BourseSession, ContributionKind, PresentationSlot, ResourcePerson
from .services import _tell

MAX_SLOT_MINUTES = 240
LOG_KIND = {ContributionKind.ADVICE: LogEntryKind.ADVICE, ContributionKind.HELP_OFFER: LogEntryKind.NOTE}


def slot_add(
    *,
    session: BourseSession,
    project: Project,
    starts_at: datetime.datetime,
    duration_minutes: int,
    by,
    position: int | None = None,
) -> PresentationSlot:
    """Invite a project to present at a given time; its holder is told by e-mail."""
    event = session.event
    errors = {}
    if project.pole_id != event.pole_id:
        errors["project"] = _("Ce projet n’appartient pas au pôle.")
    if not 1 <= (duration_minutes or 0) <= MAX_SLOT_MINUTES:
        errors["duration_minutes"] = _("La durée doit être comprise entre 1 et %(max)d minutes.") % {
            "max": MAX_SLOT_MINUTES
        }
    elif not (
        event.starts_at <= starts_at and starts_at + datetime.timedelta(minutes=duration_minutes) <= event.ends_at
    ):
        errors["starts_at"] = _("La présentation doit tenir dans l’horaire de la session.")
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            if position is None:
                position = (session.slots.aggregate(last=Max("position"))["last"] or 0) + 1
            slot = PresentationSlot.objects.create(
                session=session,
                project=project,
                starts_at=starts_at,
                duration_minutes=duration_minutes,
                position=position,
            )
    except IntegrityError:
        raise ValidationError({"project": _("Ce projet est déjà invité à présenter.")}) from None
    if project.holder_id:
        _tell([project.holder], event, "slot_invited", project=project, slot=slot)
    return slot


def slot_remove(*, slot: PresentationSlot, by) -> None:
    """Contributions already recorded for the project stay in the session's record."""
    slot.delete()


def resource_person_invite(*, session: BourseSession, person, by) -> ResourcePerson:
    """Invite someone (by account) to give advice; they get an e-mail."""
    try:
        with transaction.atomic():
            invitation = ResourcePerson.objects.create(session=session, person=person, invited_by=by)
    except IntegrityError:
        raise ValidationError({"email": _("Cette personne est déjà invitée.")}) from None
    _tell([person], session.event, "resource_invited", person=person, invited_by=by)
    return invitation


def resource_person_remove(*, invitation: ResourcePerson, by) -> None:
    invitation.delete()


def _log_text(*, session: BourseSession, kind: str, text: str, giver: str) -> str:
    local_day = timezone.localtime(session.event.starts_at).date()
    return _("Bourse aux projets « %(title)s » du %(day)s — %(kind)s de %(giver)s : %(text)s") % {
        "title": session.event.title,
        "day": local_day.strftime("%d/%m/%Y"),
        "kind": ContributionKind(kind).label,
        "giver": giver,
        "text": text,
    }


def _check_contribution(*, session, project, kind, text, given_by, given_by_structure) -> str:
    errors = {}
    text = (text or "").strip()
    if not text:
        errors["text"] = _("Écrivez le conseil ou l’offre d’aide.")
    if kind not in ContributionKind.values:
        errors["kind"] = _("Choisissez conseil ou offre d’aide.")
    if given_by is None and given_by_structure is None:
        errors["given_by"] = _("Indiquez qui a donné ce conseil : une personne, une structure, ou les deux.")
    if project.pole_id != session.event.pole_id:
        errors["project"] = _("Ce projet n’appartient pas au pôle.")
    if given_by_structure is not None and given_by_structure.pole_id != session.event.pole_id:
        errors["given_by_structure"] = _("Cette structure n’appartient pas au pôle.")
    if errors:
        raise ValidationError(errors)
    return text


def _giver(given_by, given_by_structure: Structure | None) -> str:
    names = [given_by.public_name if given_by else "", given_by_structure.name if given_by_structure else ""]
    return " — ".join(name for name in names if name)


def contribution_add(
    *,
    session: BourseSession,
    project: Project,
    by,
    kind: str,
    text: str,
    given_by=None,
    given_by_structure: Structure | None = None,
) -> BourseContribution:
    """Record advice or an offer of help once: in the session and in the project's support log."""
    text = _check_contribution(
        session=session,
        project=project,
        kind=kind,
        text=text,
        given_by=given_by,
        given_by_structure=given_by_structure,
    )
    with transaction.atomic():
        entry = support_log_add(
            project=project,
            by=by,
            happened_on=timezone.localtime(session.event.starts_at).date(),
            kind=LOG_KIND[kind],
            text=_log_text(session=session, kind=kind, text=text, giver=_giver(given_by, given_by_structure)),
        )
        contribution = BourseContribution.objects.create(
            session=session,
            project=project,
            given_by=given_by,
            given_by_structure=given_by_structure,
            kind=kind,
            text=text,
            log_entry=entry,
            recorded_by=by,
        )
    return contribution


def contribution_update(
    *,
    contribution: BourseContribution,
    by,
    kind: str,
    text: str,
    given_by=None,
    given_by_structure: Structure | None = None,
) -> BourseContribution:
    """Change a contribution and its support-log entry together (re-created if it was removed)."""
    session = contribution.session
    text = _check_contribution(
        session=session,
        project=contribution.project,
        kind=kind,
        text=text,
        given_by=given_by,
        given_by_structure=given_by_structure,
    )
    log_text = _log_text(session=session, kind=kind, text=text, giver=_giver(given_by, given_by_structure))
    with transaction.atomic():
        # The projects app has no update service for log entries; this entry is owned by
        # the contribution, so it is kept in step here.
        updated = 0
        if contribution.log_entry_id:
            updated = SupportLogEntry.objects.filter(pk=contribution.log_entry_id).update(
                kind=LOG_KIND[kind], text=log_text
            )
        if not updated:
            contribution.log_entry = support_log_add(
                project=contribution.project,
                by=by,
                happened_on=timezone.localtime(session.event.starts_at).date(),
                kind=LOG_KIND[kind],
                text=log_text,
            )
        contribution.kind = kind
        contribution.text = text
        contribution.given_by = given_by
        contribution.given_by_structure = given_by_structure
        contribution.save()
    return contribution


def contribution_delete(*, contribution: BourseContribution, by) -> None:
    """Remove a contribution and its copy in the support log."""
    with transaction.atomic():
        if contribution.log_entry_id:
            SupportLogEntry.objects.filter(pk=contribution.log_entry_id).delete()
        contribution.delete()


def session_set_outcome(*, session: BourseSession, outcome: str, by) -> BourseSession:
    session.outcome = (outcome or "").strip()
    session.save(update_fields=["outcome"])
    return session
