"""Every write on projects: submission, the support pipeline, the log, follows, supports, comments.

Each service validates, writes in one transaction, keeps the history, and queues its
messages through the notifications app (in-app, and e-mail as each person chose)."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from peps.directory.models import Structure
from peps.notifications.services import notify, notify_coordination
from peps.poles.models import Pole
from peps.territory.models import Commune

from .models import (
    Comment,
    Follow,
    LogEntryKind,
    Project,
    ProjectVisibility,
    Referral,
    RequestKind,
    StageChange,
    Support,
    SupportLogEntry,
)
from .selectors import structures_represented_by
from .stages import NEEDS_REASON, Stage, can_move

COMMENT_MAX_LENGTH = 5000
EDITABLE_FIELDS = (
    "title",
    "summary",
    "description",
    "involved",
    "domain",
    "economic_model",
    "commune",
    "visibility",
)


def _absolute_url(project: Project) -> str:
    return settings.SITE_URL.rstrip("/") + project.get_absolute_url()


def latest_allowed_date() -> datetime.date:
    """Log entries may plan a step ahead, but not more than a year."""
    return timezone.localdate() + datetime.timedelta(days=365)


def project_submit(
    *,
    pole: Pole,
    by,
    title: str,
    summary: str,
    domain: str,
    economic_model: str = "",
    description: str = "",
    involved: str = "",
    commune: Commune | None = None,
    visibility: str = ProjectVisibility.PUBLIC,
    structure: Structure | None = None,
) -> Project:
    """A person brings an idea, in their own name or for a structure they represent."""
    if structure is not None and not structures_represented_by(user=by, pole=pole).filter(pk=structure.pk).exists():
        raise ValidationError(_("Vous ne représentez pas cette structure dans ce pôle."), code="not_representative")
    with transaction.atomic():
        project = Project(
            pole=pole,
            holder=by,
            holder_structure=structure,
            title=title,
            summary=summary,
            description=description,
            involved=involved,
            domain=domain,
            economic_model=economic_model,
            commune=commune,
            visibility=visibility,
            stage=Stage.SUBMITTED,
            followers_count=1,
        )
        project.refresh_search_text()
        project.save()
        StageChange.objects.create(project=project, from_stage="", to_stage=Stage.SUBMITTED, by=by)
        # The holder follows their own idea from the start.
        Follow.objects.create(project=project, person=by)
        notify_coordination(
            pole=pole,
            kind="projects.submitted",
            url=project.get_absolute_url(),
            email_template="projects/email/submitted",
            context={"project": project, "pole": pole, "by": by, "url": _absolute_url(project)},
        )
    return project


def project_update(*, project: Project, by, data: dict) -> Project:
    """The holder or a coordinator edits what the project is about (not its stage)."""
    # Every given field is written: a bound ModelForm has already set them on `project`,
    # so comparing with the object would find no change.
    fields = [name for name in EDITABLE_FIELDS if name in data]
    for name in fields:
        setattr(project, name, data[name])
    project.refresh_search_text()
    with transaction.atomic():
        project.save(update_fields=[*fields, "search_text", "updated_at"])
    return project


def project_move_stage(*, project: Project, to_stage: str, by, reason: str = "") -> Project:
    """Move a project along the support pipeline, keep the history, tell the holder."""
    reason = (reason or "").strip()
    if to_stage not in Stage.values:
        raise ValidationError(_("Étape inconnue."), code="unknown_stage")
    if to_stage in NEEDS_REASON and not reason:
        raise ValidationError(
            _("Indiquez le motif : il est obligatoire pour passer à l’étape « %(stage)s ».")
            % {"stage": Stage(to_stage).label},
            code="reason_required",
        )
    with transaction.atomic():
        # Lock the row so two coordinators moving the same project cannot both pass the check.
        current = Project.objects.select_for_update().only("stage").get(pk=project.pk).stage
        if not can_move(current, to_stage):
            raise ValidationError(
                _("Un projet ne peut pas passer de l’étape « %(from)s » à l’étape « %(to)s ».")
                % {"from": Stage(current).label, "to": Stage(to_stage).label},
                code="forbidden_move",
            )
        now = timezone.now()
        StageChange.objects.create(project=project, from_stage=current, to_stage=to_stage, by=by, reason=reason)
        Project.objects.filter(pk=project.pk).update(stage=to_stage, stage_changed_at=now, updated_at=now)
        project.stage, project.stage_changed_at, project.updated_at = to_stage, now, now
        stage_change_notify(project=project, from_stage=current, to_stage=to_stage, reason=reason)
    return project


def stage_change_notify(
    *, project: Project, from_stage: str, to_stage: str, reason: str = "", email: bool = True
) -> list:
    """Tell the holder that their project changed stage, in the app and by e-mail as they
    chose. `email=False` is for history written after the fact (the demo's seed)."""
    if not (project.holder_id and project.holder):
        return []
    return notify(
        recipients=[project.holder],
        kind="projects.stage_changed",
        url=project.get_absolute_url(),
        pole=project.pole,
        email_template="projects/email/stage_changed",
        email=email,
        context={
            "project": project,
            "from_label": Stage(from_stage).label if from_stage else "",
            "to_label": Stage(to_stage).label,
            "reason": reason,
            "url": _absolute_url(project),
        },
    )


def project_mark_opened_by_coordination(*, project: Project, by) -> bool:
    """Record the first time a coordinator of the pole opens the project's page: the
    board's « nouvelle idée » mark means « not opened yet », and goes away after this.
    Only the first opening writes (one conditional UPDATE, safe when two coordinators
    open the page at once); returns whether this call was that first opening."""
    if project.coordination_opened_at is not None:
        return False
    if not by.has_perm("projects.manage_pipeline", project):
        return False
    now = timezone.now()
    # updated_at is left alone: opening a page does not change the project.
    written = Project.objects.filter(pk=project.pk, coordination_opened_at__isnull=True).update(
        coordination_opened_at=now
    )
    if written:
        project.coordination_opened_at = now
    return bool(written)


def project_set_request_kind(*, project: Project, request_kind: str, by) -> Project:
    """Record what the holder asks the pole for: information, a relay, or full support."""
    if request_kind and request_kind not in RequestKind.values:
        raise ValidationError(_("Type de demande inconnu."), code="unknown_request_kind")
    with transaction.atomic():
        Project.objects.filter(pk=project.pk).update(request_kind=request_kind, updated_at=timezone.now())
    project.request_kind = request_kind
    return project


def support_log_add(*, project: Project, by, happened_on: datetime.date, kind: str, text: str) -> SupportLogEntry:
    """A dated entry of the support log (meeting, advice, next step…)."""
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Écrivez le compte rendu."), code="required")
    if happened_on > latest_allowed_date():
        raise ValidationError(_("La date ne peut pas dépasser d’un an la date du jour."), code="too_far")
    if kind not in LogEntryKind.values:
        raise ValidationError(_("Type d’entrée inconnu."), code="unknown_kind")
    with transaction.atomic():
        return SupportLogEntry.objects.create(project=project, author=by, happened_on=happened_on, kind=kind, text=text)


def project_refer(
    *,
    project: Project,
    by,
    network: str,
    referred_on: datetime.date,
    contact: str = "",
    note: str = "",
    redirect: bool = False,
) -> Referral:
    """Refer the holder to an outside support network; optionally move the project to
    « orienté » in the same transaction (subsidiarity: the pole does not duplicate them)."""
    network = (network or "").strip()
    if not network:
        raise ValidationError(_("Indiquez le réseau d’accompagnement."), code="required")
    if referred_on > latest_allowed_date():
        raise ValidationError(_("La date ne peut pas dépasser d’un an la date du jour."), code="too_far")
    with transaction.atomic():
        referral = Referral.objects.create(
            project=project, by=by, network=network, contact=contact.strip(), referred_on=referred_on, note=note.strip()
        )
        if redirect and project.stage != Stage.REDIRECTED:
            reason = _("Orientation vers %(network)s.") % {"network": network}
            if note.strip():
                reason = f"{reason} {note.strip()}"
            project_move_stage(project=project, to_stage=Stage.REDIRECTED, by=by, reason=reason)
    return referral


def project_follow(*, project: Project, person) -> bool:
    """Follow a project; returns True when a follow was added (a double submit adds nothing)."""
    return _add_once(Follow, project=project, person=person, counter="followers_count")


def project_unfollow(*, project: Project, person) -> bool:
    return _remove(Follow, project=project, person=person, counter="followers_count")


def project_support(*, project: Project, person) -> bool:
    """Support a project (a public sign of interest); idempotent like project_follow."""
    return _add_once(Support, project=project, person=person, counter="supporters_count")


def project_unsupport(*, project: Project, person) -> bool:
    return _remove(Support, project=project, person=person, counter="supporters_count")


def _add_once(model, *, project: Project, person, counter: str) -> bool:
    try:
        with transaction.atomic():
            _row, created = model.objects.get_or_create(project=project, person=person)
            if created:
                Project.objects.filter(pk=project.pk).update(**{counter: F(counter) + 1})
    except IntegrityError:
        # A concurrent request created it between our read and our insert: nothing to add.
        created = False
    _refresh_counters(project)
    return created


def _remove(model, *, project: Project, person, counter: str) -> bool:
    with transaction.atomic():
        deleted, _detail = model.objects.filter(project=project, person=person).delete()
        if deleted:
            Project.objects.filter(pk=project.pk, **{f"{counter}__gt": 0}).update(**{counter: F(counter) - 1})
    _refresh_counters(project)
    return bool(deleted)


def _refresh_counters(project: Project) -> None:
    project.refresh_from_db(fields=["followers_count", "supporters_count", "comments_count"])


def comment_add(*, project: Project, author, text: str) -> Comment:
    """A comment on a project by a signed-in person who can see it."""
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Écrivez votre commentaire."), code="required")
    if len(text) > COMMENT_MAX_LENGTH:
        raise ValidationError(
            _("Le commentaire ne peut pas dépasser %(max)s caractères.") % {"max": COMMENT_MAX_LENGTH}, code="too_long"
        )
    with transaction.atomic():
        comment = Comment.objects.create(project=project, author=author, text=text)
        Project.objects.filter(pk=project.pk).update(comments_count=F("comments_count") + 1)
    _refresh_counters(project)
    return comment
