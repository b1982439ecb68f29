"""Writes of the calls for projects: the call and its form, applications (drafts, files,
submission with a receipt), the steering committee (reviewers, assignments, conflicts of
interest, scores) and the selection with its notification."""

from collections import Counter

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from peps.core.tenancy import is_network_admin, role_in
from peps.notifications.services import email_without_account, notify
from peps.poles.models import Role

from . import answers as answer_rules
from .models import (
    Application,
    ApplicationEvent,
    ApplicationKind,
    ApplicationStatus,
    Assignment,
    Attachment,
    Call,
    CallField,
    CallReviewer,
    CallStatus,
    CallStatusChange,
    Criterion,
    Decision,
    ReferenceCounter,
    Score,
)

# Which status a call may move to from each status.
TRANSITIONS: dict[str, set[str]] = {
    CallStatus.DRAFT: {CallStatus.PUBLISHED},
    CallStatus.PUBLISHED: {CallStatus.CLOSED, CallStatus.DRAFT},
    CallStatus.CLOSED: {CallStatus.PUBLISHED},
    CallStatus.DECIDED: set(),
}


def _require_admin(user) -> None:
    if not is_network_admin(user):
        raise PermissionDenied


# --- The call ----------------------------------------------------------------------------


def call_save(*, call: Call, by) -> Call:
    """Create or update a call (its form has validated the fields)."""
    _require_admin(by)
    if call.closes_at <= call.opens_at:
        raise ValidationError({"closes_at": _("La clôture doit venir après l’ouverture.")})
    if call.pk is None:
        call.created_by = by
    call.save()
    return call


def call_set_status(*, call: Call, to: str, by) -> Call:
    """Publish, close, reopen or unpublish a call, keeping the history. The "decided" status
    is set only by sending the outcomes (call_send_outcomes)."""
    _require_admin(by)
    with transaction.atomic():
        call = Call.objects.select_for_update().get(pk=call.pk)
        if to not in TRANSITIONS[call.status]:
            raise ValidationError(
                _("Un appel ne peut pas passer de « %(a)s » à « %(b)s ».")
                % {"a": call.get_status_display(), "b": CallStatus(to).label}
            )
        if to == CallStatus.PUBLISHED and call.status == CallStatus.DRAFT and not call.fields.exists():
            raise ValidationError(_("Ajoutez au moins une question au formulaire avant de publier l’appel."))
        if to == CallStatus.DRAFT and call.applications.exists():
            raise ValidationError(_("Des candidatures sont commencées : l’appel ne peut plus revenir en brouillon."))
        CallStatusChange.objects.create(call=call, from_status=call.status, to_status=to, by=by)
        call.status = to
        call.save(update_fields=["status", "updated_at"])
    return call


def _check_form_editable(call: Call) -> None:
    # Once someone has started answering, changing the questions would change their answers' meaning.
    if call.applications.exists():
        raise ValidationError(_("Des candidatures sont commencées : le formulaire ne peut plus changer."))


def call_field_save(*, field: CallField, by) -> CallField:
    _require_admin(by)
    _check_form_editable(field.call)
    if field.kind == "choice" and len(field.choice_list) < 2:
        raise ValidationError({"choices": _("Proposez au moins deux choix, un par ligne.")})
    if field.kind != "choice":
        field.choices = ""
    if field.pk is None:
        last = field.call.fields.order_by("-position").values_list("position", flat=True).first()
        field.position = (last or 0) + 1
    field.save()
    return field


def call_field_delete(*, field: CallField, by) -> None:
    _require_admin(by)
    _check_form_editable(field.call)
    field.delete()


def _move(item, siblings, direction: str) -> None:
    """Swap an item with its neighbour above or below (positions are renumbered 1..n first)."""
    ordered = list(siblings.order_by("position", "pk"))
    index = next(i for i, other in enumerate(ordered) if other.pk == item.pk)
    target = index - 1 if direction == "up" else index + 1
    if 0 <= target < len(ordered):
        ordered[index], ordered[target] = ordered[target], ordered[index]
    for position, other in enumerate(ordered, start=1):
        if other.position != position:
            other.position = position
            other.save(update_fields=["position"])


def call_field_move(*, field: CallField, direction: str, by) -> None:
    _require_admin(by)
    with transaction.atomic():
        _move(field, field.call.fields.all(), direction)


def _check_criteria_editable(call: Call) -> None:
    if Score.objects.filter(criterion__call=call).exists():
        raise ValidationError(_("Des évaluations ont commencé : les critères ne peuvent plus changer."))


def criterion_save(*, criterion: Criterion, by) -> Criterion:
    _require_admin(by)
    _check_criteria_editable(criterion.call)
    if criterion.pk is None:
        last = criterion.call.criteria.order_by("-position").values_list("position", flat=True).first()
        criterion.position = (last or 0) + 1
    criterion.save()
    return criterion


def criterion_delete(*, criterion: Criterion, by) -> None:
    _require_admin(by)
    _check_criteria_editable(criterion.call)
    criterion.delete()


def criterion_move(*, criterion: Criterion, direction: str, by) -> None:
    _require_admin(by)
    with transaction.atomic():
        _move(criterion, criterion.call.criteria.all(), direction)


# --- Applications --------------------------------------------------------------------------


def _check_open(call: Call) -> None:
    now = timezone.now()
    if call.status != CallStatus.PUBLISHED or now < call.opens_at:
        raise ValidationError(_("Cet appel n’est pas ouvert aux candidatures."))
    if now >= call.closes_at:
        raise ValidationError(
            _("L’appel est clos depuis le %(date)s : il n’est plus possible de candidater.")
            % {"date": date_format(timezone.localtime(call.closes_at), "j F Y à H:i")}
        )


def application_start(
    *,
    call: Call,
    by,
    kind: str = ApplicationKind.APPLICATION,
    pole=None,
    pole_name: str = "",
    territory: str = "",
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
) -> Application:
    """Start a draft for an existing pole (whose coordination `by` is part of) or a would-be pole.
    A pole has one application per call: when it already has one (another coordinator started
    it, maybe at the same moment), that application is returned instead of a second one."""
    if not (by and by.is_authenticated):
        raise PermissionDenied
    _check_open(call)
    if pole is not None:
        if role_in(by, pole) not in (Role.COORDINATOR, Role.ADMIN):
            raise PermissionDenied
        pole_name = ""
    elif not pole_name.strip():
        raise ValidationError({"pole_name": _("Donnez le nom du pôle en projet.")})
    with transaction.atomic():
        # Read inside the transaction: on SQLite, BEGIN IMMEDIATE makes a concurrent start wait
        # until this one commits; on PostgreSQL, the unique constraint stops the second insert,
        # which then reads the row the first one committed (get_or_create with the race handled).
        existing = Application.objects.filter(call=call, pole=pole).first() if pole is not None else None
        if existing is not None:
            return existing
        application = Application(
            call=call,
            kind=kind,
            applicant=by,
            pole=pole,
            pole_name=pole_name.strip(),
            territory=territory.strip(),
            contact_name=contact_name.strip() or by.public_name,
            contact_email=contact_email.strip() or by.email,
            contact_phone=contact_phone.strip(),
        )
        application.refresh_search_text()
        try:
            with transaction.atomic():
                application.save()
        except IntegrityError:
            if pole is None:
                raise
            return Application.objects.get(call=call, pole=pole)
        ApplicationEvent.objects.create(application=application, what="created", by=by)
    return application


def _check_editable(application: Application, by) -> None:
    if application.applicant_id != getattr(by, "pk", None):
        raise PermissionDenied
    if application.is_submitted:
        raise ValidationError(_("Cette candidature est déjà déposée : elle ne peut plus être modifiée."))
    _check_open(application.call)


def application_save_draft(
    *, application: Application, by, answers: dict, files: dict | None = None, remove: list[int] | None = None
) -> Application:
    """Keep what the applicant typed (validated against the form's definition, not yet
    checked for completeness) and the files given; `remove` lists field ids whose file goes."""
    _check_editable(application, by)
    fields = list(application.call.fields.all())
    cleaned = answer_rules.clean_answers(fields, answers)
    by_id = {f.pk: f for f in fields}
    checked = {}
    errors = {}
    for field_id, upload in (files or {}).items():
        field = by_id.get(field_id)
        if field is None or field.kind != "file":
            continue
        try:
            checked[field_id] = (upload, answer_rules.check_file(upload))
        except ValidationError as error:
            errors[field.key] = error.messages
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        application.answers = cleaned
        application.refresh_search_text()
        application.save(update_fields=["answers", "search_text", "updated_at"])
        for field_id in remove or []:
            for old in Attachment.objects.filter(application=application, field_id=field_id):
                _delete_file_on_commit(old)
                old.delete()
        for field_id, (upload, content_type) in checked.items():
            for old in Attachment.objects.filter(application=application, field_id=field_id):
                _delete_file_on_commit(old)
                old.delete()
            Attachment.objects.create(
                application=application,
                field_id=field_id,
                file=upload,
                original_name=upload.name[:200],
                size=upload.size,
                content_type=content_type,
                uploaded_by=by,
            )
    return application


def _delete_file_on_commit(attachment: Attachment) -> None:
    storage, name = attachment.file.storage, attachment.file.name
    if name:  # an attachment row without its file has nothing to delete
        transaction.on_commit(lambda: storage.delete(name))


def _next_reference(now) -> str:
    counter, _created = ReferenceCounter.objects.select_for_update().get_or_create(year=now.year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"APP-{now.year}-{counter.last:04d}"


def application_submit(*, application: Application, by) -> Application:
    """Submit a complete draft before the deadline: give it its number, send the receipt."""
    _check_editable(application, by)
    fields = list(application.call.fields.all())
    attached = set(application.attachments.values_list("field_id", flat=True))
    missing = answer_rules.missing_required(fields, application.answers, attached)
    if missing:
        raise ValidationError({f.key: _("Cette réponse est obligatoire pour déposer la candidature.") for f in missing})
    now = timezone.now()
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.is_submitted:
            raise ValidationError(_("Cette candidature est déjà déposée."))
        application.reference = _next_reference(now)
        application.status = ApplicationStatus.SUBMITTED
        application.submitted_at = now
        application.refresh_search_text()
        application.save(update_fields=["reference", "status", "submitted_at", "search_text", "updated_at"])
        ApplicationEvent.objects.create(application=application, what="submitted", by=by, at=now)
        _tell_applicant(application, "receipt", {"application": application, "call": application.call})
    return application


def _tell_applicant(application: Application, template: str, context: dict) -> None:
    """The applicant through the notifications app; the would-be pole's contact address,
    when it is another one, by e-mail only (it need not have an account)."""
    notify(
        recipients=[application.applicant],
        kind=f"calls.{template}",
        url=application.get_absolute_url(),
        email_template=f"calls/email/{template}",
        context=context,
    )
    if application.contact_email and application.contact_email.lower() != application.applicant.email.lower():
        email_without_account(to=[application.contact_email], template=f"calls/email/{template}", context=context)


def application_delete_draft(*, application: Application, by) -> None:
    if application.applicant_id != getattr(by, "pk", None):
        raise PermissionDenied
    if application.is_submitted:
        raise ValidationError(_("Une candidature déposée ne peut pas être supprimée."))
    with transaction.atomic():
        for attachment in application.attachments.all():
            _delete_file_on_commit(attachment)
        application.delete()


# --- Steering committee --------------------------------------------------------------------


def reviewer_add(*, call: Call, user, by) -> CallReviewer:
    _require_admin(by)
    reviewer, _created = CallReviewer.objects.get_or_create(call=call, user=user)
    return reviewer


def reviewer_remove(*, call: Call, user, by) -> None:
    """Take someone off the committee; their reviews started are kept only if scored."""
    _require_admin(by)
    with transaction.atomic():
        Assignment.objects.filter(application__call=call, reviewer=user, scores__isnull=True).delete()
        CallReviewer.objects.filter(call=call, user=user).delete()


def assignment_create(*, application: Application, reviewer, by) -> Assignment:
    _require_admin(by)
    if not application.is_submitted:
        raise ValidationError(_("Seules les candidatures déposées peuvent être confiées au comité."))
    if not CallReviewer.objects.filter(call_id=application.call_id, user=reviewer).exists():
        raise ValidationError(_("Cette personne ne fait pas partie du comité de sélection de l’appel."))
    if application.applicant_id == reviewer.pk:
        raise ValidationError(_("On n’évalue pas sa propre candidature."))
    assignment, created = Assignment.objects.get_or_create(
        application=application, reviewer=reviewer, defaults={"assigned_by": by}
    )
    if not created:
        raise ValidationError(_("Cette candidature est déjà confiée à cette personne."))
    return assignment


def assignment_delete(*, assignment: Assignment, by) -> None:
    _require_admin(by)
    assignment.delete()


def assignments_distribute(*, call: Call, by, per_application: int = 2) -> int:
    """Give each submitted application up to `per_application` reviewers without a conflict,
    choosing each time the least loaded member of the committee (ties: the earliest named).
    Returns how many assignments were made."""
    _require_admin(by)
    reviewer_ids = list(CallReviewer.objects.filter(call=call).order_by("pk").values_list("user_id", flat=True))
    if not reviewer_ids:
        raise ValidationError(_("Nommez d’abord les membres du comité de sélection."))
    made = 0
    with transaction.atomic():
        existing = list(
            Assignment.objects.filter(application__call=call).values_list("application_id", "reviewer_id", "conflict")
        )
        load = Counter({r: 0 for r in reviewer_ids})
        taken: dict[int, set[int]] = {}
        active: Counter = Counter()
        for application_id, reviewer_id, conflict in existing:
            taken.setdefault(application_id, set()).add(reviewer_id)
            if not conflict:
                active[application_id] += 1
                if reviewer_id in load:
                    load[reviewer_id] += 1
        applications = call.applications.filter(status=ApplicationStatus.SUBMITTED).order_by("reference", "pk")
        new = []
        for application_id, applicant_id in applications.values_list("pk", "applicant_id"):
            needed = per_application - active[application_id]
            for _i in range(max(0, needed)):
                candidates = [
                    r for r in reviewer_ids if r not in taken.get(application_id, set()) and r != applicant_id
                ]
                if not candidates:
                    break
                chosen = min(candidates, key=lambda r: (load[r], reviewer_ids.index(r)))
                new.append(Assignment(application_id=application_id, reviewer_id=chosen, assigned_by=by))
                taken.setdefault(application_id, set()).add(chosen)
                load[chosen] += 1
                made += 1
        Assignment.objects.bulk_create(new)
    return made


def assignment_declare_conflict(*, assignment: Assignment, by, note: str = "") -> Assignment:
    """The reviewer steps aside: their scores on this application are discarded, and the
    administrator can give it to someone else."""
    if assignment.reviewer_id != getattr(by, "pk", None):
        raise PermissionDenied
    with transaction.atomic():
        assignment.scores.all().delete()
        assignment.conflict = True
        assignment.conflict_note = note.strip()
        assignment.conflict_declared_at = timezone.now()
        assignment.completed_at = None
        assignment.save(update_fields=["conflict", "conflict_note", "conflict_declared_at", "completed_at"])
    return assignment


def review_save(*, assignment: Assignment, by, scores: dict[int, tuple[int | None, str]]) -> Assignment:
    """Record the reviewer's score and comment per criterion; the review is complete when
    every criterion has a score."""
    if not rules.has_perm("calls.score", by, assignment):
        raise PermissionDenied
    criteria = {c.pk: c for c in assignment.application.call.criteria.all()}
    errors = {}
    for criterion_id, (value, _comment) in scores.items():
        criterion = criteria.get(criterion_id)
        if criterion is None:
            errors[f"c{criterion_id}"] = _("Ce critère n’appartient pas à l’appel.")
        elif value is not None and not 0 <= value <= criterion.max_score:
            errors[f"c{criterion_id}_score"] = _("Une note entre 0 et %(max)d.") % {"max": criterion.max_score}
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        for criterion_id, (value, comment) in scores.items():
            if value is None:
                Score.objects.filter(assignment=assignment, criterion_id=criterion_id).delete()
                continue
            Score.objects.update_or_create(
                assignment=assignment, criterion_id=criterion_id, defaults={"score": value, "comment": comment.strip()}
            )
        scored = Score.objects.filter(assignment=assignment).count()
        assignment.completed_at = timezone.now() if criteria and scored == len(criteria) else None
        assignment.save(update_fields=["completed_at"])
    return assignment


# --- Selection ---------------------------------------------------------------------------


def application_decide(*, application: Application, decision: str, note: str = "", by) -> Application:
    """Record the committee's selection for one application (changeable until outcomes are sent)."""
    _require_admin(by)
    call = application.call
    if not application.is_submitted:
        raise ValidationError(_("Seule une candidature déposée peut être retenue ou non."))
    if call.status != CallStatus.CLOSED:
        raise ValidationError(_("La sélection se fait une fois l’appel clos, et avant l’envoi des résultats."))
    if decision not in Decision.values:
        raise ValidationError(_("Décision inconnue."))
    with transaction.atomic():
        application.decision = decision
        application.decision_note = note.strip()
        application.decided_at = timezone.now() if decision != Decision.PENDING else None
        application.save(update_fields=["decision", "decision_note", "decided_at", "updated_at"])
        ApplicationEvent.objects.create(application=application, what=f"decision:{decision}", by=by, note=note)
    return application


def call_send_outcomes(*, call: Call, by) -> int:
    """Tell every applicant the outcome by e-mail (queued after commit) and mark the call
    decided. Refused while an application has no decision. Returns the e-mails queued."""
    _require_admin(by)
    with transaction.atomic():
        call = Call.objects.select_for_update().get(pk=call.pk)
        if call.status != CallStatus.CLOSED:
            raise ValidationError(_("Les résultats s’envoient une fois l’appel clos."))
        submitted = call.applications.filter(status=ApplicationStatus.SUBMITTED)
        counts = submitted.aggregate(pending=Count("pk", filter=Q(decision=Decision.PENDING)), total=Count("pk"))
        if counts["pending"]:
            raise ValidationError(_("%(n)d candidature(s) attendent encore une décision.") % {"n": counts["pending"]})
        now = timezone.now()
        sent = 0
        for application in submitted.filter(outcome_sent_at__isnull=True).select_related("applicant", "pole"):
            _tell_applicant(
                application,
                "outcome",
                {"application": application, "call": call, "retained": application.decision == Decision.RETAINED},
            )
            ApplicationEvent.objects.create(application=application, what="outcome_sent", by=by, at=now)
            sent += 1
        submitted.update(outcome_sent_at=now)
        CallStatusChange.objects.create(call=call, from_status=call.status, to_status=CallStatus.DECIDED, by=by)
        call.status = CallStatus.DECIDED
        call.outcomes_sent_at = now
        call.save(update_fields=["status", "outcomes_sent_at", "updated_at"])
    return sent
