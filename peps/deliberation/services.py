"""Every write of deliberation: debates and their arguments, consultations and proposals,
following, and moderation. Each service validates, writes in one transaction, and tells
followers through the notifications service (in-app, and e-mail per each person's setting)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from peps.notifications.services import notify
from peps.poles.models import Pole
from peps.projects.models import Project, ProjectVisibility
from peps.projects.services import project_submit

from .models import (
    ARGUMENT_MAX_LENGTH,
    PROPOSAL_MAX_LENGTH,
    REASON_MAX_LENGTH,
    REPLY_MAX_LENGTH,
    Appeal,
    AppealStatus,
    Argument,
    Consultation,
    Debate,
    DebateStatus,
    DebateVisibility,
    Follow,
    ModerationAction,
    ModerationEvent,
    Proposal,
    ProposalStatus,
    ProposalSupport,
    Reaction,
    Reply,
    Report,
    ReportStatus,
    Stance,
)

COUNTER_OF_STANCE = {Stance.PRO: "pros_count", Stance.CON: "cons_count", Stance.QUESTION: "questions_count"}


def _clean_text(text: str, *, max_length: int, empty: str, field_label: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError(empty, code="required")
    if len(text) > max_length:
        raise ValidationError(
            _("%(field)s ne peut pas dépasser %(max)s caractères (vous en avez écrit %(n)s).")
            % {"field": field_label, "max": max_length, "n": len(text)},
            code="too_long",
        )
    return text


def _follower_ids(**target) -> list[int]:
    return list(Follow.objects.filter(**target).values_list("person_id", flat=True))


def _notify_people(person_ids, *, exclude=None, kind: str, text: str, url: str, pole: Pole) -> None:
    from peps.accounts.models import User

    ids = [pk for pk in set(person_ids) if exclude is None or pk != exclude.pk]
    if not ids:
        return
    people = User.objects.filter(pk__in=ids, is_active=True).only("id", "email")
    notify(recipients=list(people), kind=kind, text=text, url=url, pole=pole)


# --- Debates -----------------------------------------------------------------------------


def debate_open(
    *,
    pole: Pole,
    by,
    title: str,
    description: str = "",
    visibility: str = DebateVisibility.PUBLIC,
    project: Project | None = None,
) -> Debate:
    """A member opens a debate in the pole, possibly about one of its projects."""
    title = (title or "").strip()
    if not title:
        raise ValidationError(_("Indiquez la question débattue."), code="required")
    if visibility not in DebateVisibility.values:
        raise ValidationError(_("Visibilité inconnue."), code="unknown_visibility")
    if project is not None:
        if project.pole_id != pole.pk:
            raise ValidationError(_("Ce projet n’appartient pas à ce pôle."), code="other_pole")
        if project.visibility == ProjectVisibility.MEMBERS and visibility == DebateVisibility.PUBLIC:
            raise ValidationError(
                _("Ce projet est réservé aux membres : un débat à son sujet doit l’être aussi."),
                code="members_project",
            )
    with transaction.atomic():
        debate = Debate(
            pole=pole,
            project=project,
            title=title,
            description=(description or "").strip(),
            author=by,
            visibility=visibility,
            followers_count=1,
        )
        debate.refresh_search_text()
        debate.save()
        # The author hears about the arguments of the debate they opened.
        Follow.objects.create(debate=debate, person=by)
    return debate


def _lock_open_debate(debate: Debate) -> None:
    """Lock the debate's row so an argument cannot slip in while it is being closed."""
    status = Debate.objects.select_for_update().only("status").get(pk=debate.pk).status
    if status != DebateStatus.OPEN:
        raise ValidationError(
            _("Ce débat est clos : il ne reçoit plus d’arguments ni de réponses, mais reste consultable."),
            code="closed",
        )


def argument_post(*, debate: Debate, by, stance: str, text: str) -> Argument:
    """An argument for, against, or a question."""
    if stance not in Stance.values:
        raise ValidationError(_("Choisissez « pour », « contre » ou « question »."), code="bad_stance")
    text = _clean_text(
        text, max_length=ARGUMENT_MAX_LENGTH, empty=_("Écrivez votre argument."), field_label=_("Un argument")
    )
    counter = COUNTER_OF_STANCE[Stance(stance)]
    with transaction.atomic():
        _lock_open_debate(debate)
        argument = Argument.objects.create(debate=debate, author=by, stance=stance, text=text)
        Debate.objects.filter(pk=debate.pk).update(**{counter: F(counter) + 1})
        _notify_people(
            _follower_ids(debate=debate),
            exclude=by,
            kind="deliberation.argument",
            text=_("Nouvel argument (%(stance)s) dans le débat « %(title)s »")
            % {"stance": Stance(stance).label.lower(), "title": debate.title},
            url=f"{debate.get_absolute_url()}#argument-{argument.pk}",
            pole=debate.pole,
        )
    setattr(debate, counter, getattr(debate, counter) + 1)
    return argument


def reply_post(*, argument: Argument, by, text: str) -> Reply:
    """A reply to an argument (one level of threads)."""
    text = _clean_text(
        text, max_length=REPLY_MAX_LENGTH, empty=_("Écrivez votre réponse."), field_label=_("Une réponse")
    )
    with transaction.atomic():
        _lock_open_debate(argument.debate)
        reply = Reply.objects.create(argument=argument, author=by, text=text)
        Argument.objects.filter(pk=argument.pk).update(replies_count=F("replies_count") + 1)
        if argument.author_id and argument.author_id != by.pk:
            _notify_people(
                [argument.author_id],
                kind="deliberation.reply",
                text=_("Quelqu’un a répondu à votre argument dans le débat « %(title)s »")
                % {"title": argument.debate.title},
                url=f"{argument.debate.get_absolute_url()}#argument-{argument.pk}",
                pole=argument.debate.pole,
            )
    argument.replies_count += 1
    return reply


def argument_react(*, argument: Argument, person) -> bool:
    """Mark an argument « utile »; True when a reaction was added (a double click adds nothing)."""
    try:
        with transaction.atomic():
            _row, created = Reaction.objects.get_or_create(argument=argument, person=person)
            if created:
                Argument.objects.filter(pk=argument.pk).update(reactions_count=F("reactions_count") + 1)
    except IntegrityError:
        created = False  # a concurrent click won the race
    argument.refresh_from_db(fields=["reactions_count"])
    return created


def argument_unreact(*, argument: Argument, person) -> bool:
    with transaction.atomic():
        deleted, _detail = Reaction.objects.filter(argument=argument, person=person).delete()
        if deleted:
            Argument.objects.filter(pk=argument.pk, reactions_count__gt=0).update(
                reactions_count=F("reactions_count") - 1
            )
    argument.refresh_from_db(fields=["reactions_count"])
    return bool(deleted)


def debate_close(*, debate: Debate, by, synthesis: str) -> Debate:
    """Close a debate with a written synthesis; it stays readable, and read-only."""
    synthesis = _clean_text(
        synthesis, max_length=20_000, empty=_("Écrivez la synthèse du débat."), field_label=_("La synthèse")
    )
    with transaction.atomic():
        _lock_open_debate(debate)
        now = timezone.now()
        Debate.objects.filter(pk=debate.pk).update(
            status=DebateStatus.CLOSED, synthesis=synthesis, closed_at=now, closed_by=by, updated_at=now
        )
        debate.status, debate.synthesis, debate.closed_at, debate.closed_by = DebateStatus.CLOSED, synthesis, now, by
        _notify_people(
            _follower_ids(debate=debate),
            exclude=by,
            kind="deliberation.closed",
            text=_("Le débat « %(title)s » est clos : lisez sa synthèse") % {"title": debate.title},
            url=debate.get_absolute_url(),
            pole=debate.pole,
        )
    return debate


# --- Following ---------------------------------------------------------------------------


def follow_add(*, target: Debate | Consultation, person) -> bool:
    """Follow a debate or a consultation; True when a follow was added."""
    field = "debate" if isinstance(target, Debate) else "consultation"
    try:
        with transaction.atomic():
            _row, created = Follow.objects.get_or_create(**{field: target, "person": person})
            if created:
                type(target).objects.filter(pk=target.pk).update(followers_count=F("followers_count") + 1)
    except IntegrityError:
        created = False
    target.refresh_from_db(fields=["followers_count"])
    return created


def follow_remove(*, target: Debate | Consultation, person) -> bool:
    field = "debate" if isinstance(target, Debate) else "consultation"
    with transaction.atomic():
        deleted, _detail = Follow.objects.filter(**{field: target, "person": person}).delete()
        if deleted:
            type(target).objects.filter(pk=target.pk, followers_count__gt=0).update(
                followers_count=F("followers_count") - 1
            )
    target.refresh_from_db(fields=["followers_count"])
    return bool(deleted)


# --- Consultations -----------------------------------------------------------------------


def consultation_create(
    *,
    pole: Pole,
    by,
    title: str,
    description: str,
    starts_on,
    ends_on,
    visibility: str = DebateVisibility.PUBLIC,
    open_to_citizens: bool = False,
) -> Consultation:
    """A coordinator opens a consultation between two dates."""
    if ends_on < starts_on:
        raise ValidationError(_("La date de fin doit suivre la date de début."), code="window")
    if open_to_citizens and visibility != DebateVisibility.PUBLIC:
        raise ValidationError(
            _("Une consultation ouverte aux citoyens doit être publique."), code="citizens_need_public"
        )
    with transaction.atomic():
        consultation = Consultation.objects.create(
            pole=pole,
            title=title.strip(),
            description=description.strip(),
            starts_on=starts_on,
            ends_on=ends_on,
            visibility=visibility,
            open_to_citizens=open_to_citizens,
            created_by=by,
            followers_count=1,
        )
        Follow.objects.create(consultation=consultation, person=by)
    return consultation


def window_error(consultation: Consultation) -> str:
    """The message for an action tried outside the consultation's dates ('' when open)."""
    phase = consultation.phase
    if phase == "upcoming":
        return _("La consultation n’est pas encore ouverte : elle ouvrira le %(date)s.") % {
            "date": date_format(consultation.starts_on, "j F Y")
        }
    if phase == "ended":
        return _("La consultation est close depuis le %(date)s : on ne peut plus proposer ni soutenir.") % {
            "date": date_format(consultation.ends_on, "j F Y")
        }
    return ""


def _check_window(consultation: Consultation) -> None:
    message = window_error(consultation)
    if message:
        raise ValidationError(message, code="window")


def proposal_submit(*, consultation: Consultation, by, title: str, body: str) -> Proposal:
    _check_window(consultation)
    title = _clean_text(
        title, max_length=160, empty=_("Donnez un titre à votre proposition."), field_label=_("Le titre")
    )
    body = _clean_text(
        body, max_length=PROPOSAL_MAX_LENGTH, empty=_("Décrivez votre proposition."), field_label=_("La proposition")
    )
    with transaction.atomic():
        proposal = Proposal.objects.create(consultation=consultation, author=by, title=title, body=body)
        Consultation.objects.filter(pk=consultation.pk).update(proposals_count=F("proposals_count") + 1)
        _notify_people(
            _follower_ids(consultation=consultation),
            exclude=by,
            kind="deliberation.proposal",
            text=_("Nouvelle proposition dans la consultation « %(title)s » : %(proposal)s")
            % {"title": consultation.title, "proposal": title},
            url=proposal.get_absolute_url(),
            pole=consultation.pole,
        )
    consultation.proposals_count += 1
    return proposal


def proposal_support(*, proposal: Proposal, person) -> bool:
    """Support a proposal: one support per person, enforced by the database."""
    _check_window(proposal.consultation)
    # The counter is read back inside the transaction that wrote it: a read refused after the
    # commit would report as failed a support that was counted.
    try:
        with transaction.atomic():
            ProposalSupport.objects.create(proposal=proposal, person=person)
            Proposal.objects.filter(pk=proposal.pk).update(supports_count=F("supports_count") + 1)
            proposal.refresh_from_db(fields=["supports_count"])
            return True
    except IntegrityError:
        # Already supported (perhaps by a concurrent request of the same person).
        proposal.refresh_from_db(fields=["supports_count"])
        return False


def proposal_unsupport(*, proposal: Proposal, person) -> bool:
    _check_window(proposal.consultation)
    with transaction.atomic():
        deleted, _detail = ProposalSupport.objects.filter(proposal=proposal, person=person).delete()
        if deleted:
            Proposal.objects.filter(pk=proposal.pk, supports_count__gt=0).update(supports_count=F("supports_count") - 1)
        proposal.refresh_from_db(fields=["supports_count"])
    return bool(deleted)


def proposal_answer(*, proposal: Proposal, by, status: str, answer: str) -> Proposal:
    """The coordinator gives the proposal a status and a public answer."""
    if status not in ProposalStatus.values:
        raise ValidationError(_("Statut inconnu."), code="unknown_status")
    answer = (answer or "").strip()
    if status != ProposalStatus.DISCUSSION and not answer:
        raise ValidationError(_("Expliquez la décision dans la réponse publique."), code="answer_required")
    if proposal.project_id and status in (ProposalStatus.REJECTED, ProposalStatus.DISCUSSION):
        raise ValidationError(
            _("Cette proposition est déjà devenue un projet : elle ne peut plus être rejetée ni remise en discussion."),
            code="has_project",
        )
    now = timezone.now()
    with transaction.atomic():
        Proposal.objects.filter(pk=proposal.pk).update(status=status, answer=answer, answered_at=now, answered_by=by)
        proposal.status, proposal.answer, proposal.answered_at, proposal.answered_by = status, answer, now, by
        if proposal.author_id and proposal.author_id != by.pk:
            _notify_people(
                [proposal.author_id],
                kind="deliberation.answer",
                text=_("Votre proposition « %(title)s » a reçu une réponse : %(status)s")
                % {"title": proposal.title, "status": ProposalStatus(status).label.lower()},
                url=proposal.get_absolute_url(),
                pole=proposal.consultation.pole,
            )
    return proposal


def proposal_to_project(*, proposal: Proposal, by, domain: str, economic_model: str) -> Project:
    """A retained proposal becomes a project of the pole, held by the proposal's author."""
    with transaction.atomic():
        current = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if current.status != ProposalStatus.RETAINED:
            raise ValidationError(_("Seule une proposition retenue peut devenir un projet."), code="not_retained")
        if current.project_id:
            raise ValidationError(_("Cette proposition est déjà devenue un projet."), code="already_project")
        if current.author_id is None:
            raise ValidationError(
                _("L’auteur de cette proposition a supprimé son compte : personne ne peut porter le projet."),
                code="no_author",
            )
        consultation = proposal.consultation
        summary = " ".join(current.body.split())
        project = project_submit(
            pole=consultation.pole,
            by=current.author,
            title=current.title,
            summary=summary if len(summary) <= 300 else summary[:299] + "…",
            description=_("%(body)s\n\nIssu de la consultation « %(title)s ».")
            % {"body": current.body, "title": consultation.title},
            domain=domain,
            economic_model=economic_model,
            visibility=(
                ProjectVisibility.PUBLIC
                if consultation.visibility == DebateVisibility.PUBLIC
                else ProjectVisibility.MEMBERS
            ),
        )
        Proposal.objects.filter(pk=proposal.pk).update(project=project)
        proposal.project = project
        _notify_people(
            [current.author_id],
            exclude=by,
            kind="deliberation.project",
            text=_("Votre proposition « %(title)s » devient un projet du pôle") % {"title": current.title},
            url=project.get_absolute_url(),
            pole=consultation.pole,
        )
    return project


# --- Moderation --------------------------------------------------------------------------


def target_fields(target) -> dict:
    """The keyword that points a Report, Appeal or ModerationEvent at this message."""
    if isinstance(target, Argument):
        return {"argument": target}
    if isinstance(target, Reply):
        return {"reply": target}
    if isinstance(target, Proposal):
        return {"proposal": target}
    raise TypeError(f"Not a moderated message: {target!r}")


def target_pole(target) -> Pole:
    if isinstance(target, Argument):
        return target.debate.pole
    if isinstance(target, Reply):
        return target.argument.debate.pole
    return target.consultation.pole


def _log(*, target, actor, action: str, reason: str = "") -> ModerationEvent:
    return ModerationEvent.objects.create(
        pole=target_pole(target), actor=actor, action=action, reason=reason, **target_fields(target)
    )


def _reason(reason: str, empty: str) -> str:
    return _clean_text(reason, max_length=REASON_MAX_LENGTH, empty=empty, field_label=_("Le motif"))


def report_create(*, target, by, reason: str) -> Report:
    """Anyone signed in reports a message to the moderators."""
    reason = _reason(reason, _("Dites en quelques mots ce qui pose problème."))
    if target.is_hidden:
        raise ValidationError(_("Ce message est déjà masqué par la modération."), code="already_hidden")
    with transaction.atomic():
        report = Report.objects.create(pole=target_pole(target), reporter=by, reason=reason, **target_fields(target))
        _log(target=target, actor=by, action=ModerationAction.REPORT, reason=reason)
    return report


def _close_reports(target, *, by, status: str) -> int:
    return Report.objects.filter(status=ReportStatus.OPEN, **target_fields(target)).update(
        status=status, handled_by=by, handled_at=timezone.now()
    )


def message_hide(*, target, by, reason: str) -> None:
    """Hide a message; its author sees the reason, everybody else a short notice."""
    reason = _reason(reason, _("Indiquez le motif : l’auteur du message le verra."))
    with transaction.atomic():
        now = timezone.now()
        type(target).objects.filter(pk=target.pk).update(is_hidden=True, hidden_reason=reason, hidden_at=now)
        target.is_hidden, target.hidden_reason, target.hidden_at = True, reason, now
        _close_reports(target, by=by, status=ReportStatus.HIDDEN)
        _log(target=target, actor=by, action=ModerationAction.HIDE, reason=reason)
        if target.author_id:
            _notify_people(
                [target.author_id],
                kind="deliberation.hidden",
                text=_("Un de vos messages a été masqué par la modération. Motif : %(reason)s") % {"reason": reason},
                url=moderated_url(target),
                pole=target_pole(target),
            )


def report_dismiss(*, report: Report, by, reason: str = "") -> int:
    """The message stays: every open report on it is closed."""
    target = report.target
    with transaction.atomic():
        closed = _close_reports(target, by=by, status=ReportStatus.DISMISSED)
        _log(target=target, actor=by, action=ModerationAction.DISMISS, reason=(reason or "").strip())
    return closed


def appeal_submit(*, target, by, text: str) -> Appeal:
    """The author of a hidden message asks once for it to be restored."""
    if not target.is_hidden:
        raise ValidationError(_("Ce message n’est pas masqué."), code="not_hidden")
    if target.author_id != by.pk:
        raise ValidationError(_("Seul l’auteur du message peut faire appel."), code="not_author")
    text = _reason(text, _("Expliquez pourquoi ce message devrait être rétabli."))
    try:
        with transaction.atomic():
            appeal = Appeal.objects.create(pole=target_pole(target), author=by, text=text, **target_fields(target))
            _log(target=target, actor=by, action=ModerationAction.APPEAL, reason=text)
    except IntegrityError as error:
        raise ValidationError(
            _("Vous avez déjà fait appel pour ce message : un seul appel est possible."), code="twice"
        ) from error
    return appeal


def appeal_decide(*, appeal: Appeal, by, grant: bool, reason: str) -> Appeal:
    """The moderator restores the message (grant) or keeps it hidden, with a reason."""
    reason = _reason(reason, _("Indiquez le motif de la décision : l’auteur le verra."))
    target = appeal.target
    with transaction.atomic():
        updated = Appeal.objects.filter(pk=appeal.pk, status=AppealStatus.PENDING).update(
            status=AppealStatus.GRANTED if grant else AppealStatus.REJECTED,
            decided_by=by,
            decided_at=timezone.now(),
            decision_reason=reason,
        )
        if not updated:
            raise ValidationError(_("Cet appel a déjà été tranché."), code="decided")
        if grant:
            type(target).objects.filter(pk=target.pk).update(is_hidden=False, hidden_reason="", hidden_at=None)
        _log(
            target=target,
            actor=by,
            action=ModerationAction.APPEAL_GRANTED if grant else ModerationAction.APPEAL_REJECTED,
            reason=reason,
        )
        if appeal.author_id:
            _notify_people(
                [appeal.author_id],
                kind="deliberation.appeal",
                text=(
                    _("Votre appel est accepté : votre message est rétabli.")
                    if grant
                    else _("Votre appel est rejeté : votre message reste masqué. Motif : %(reason)s")
                    % {"reason": reason}
                ),
                url=moderated_url(target),
                pole=target_pole(target),
            )
    appeal.refresh_from_db()
    return appeal


def moderated_url(target) -> str:
    """Where a moderated message is shown."""
    if isinstance(target, Argument):
        return f"{target.debate.get_absolute_url()}#argument-{target.pk}"
    if isinstance(target, Reply):
        return f"{target.argument.debate.get_absolute_url()}#reply-{target.pk}"
    return target.get_absolute_url()
