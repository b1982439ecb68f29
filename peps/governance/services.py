"""Writes of governance: bodies and seats, meetings, proposals to the board, motions and
votes, proxies, closing and the decisions register. Each runs in one transaction."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from peps.core.text import build_search_text
from peps.poles.models import College, Membership, MembershipStatus, Pole

from . import counting
from .eligibility import (
    Voter,
    current_seats,
    eligible_count,
    eligible_holders,
    is_voter_of_body,
    standing,
    uses_fee_rule,
)
from .models import (
    SINGLE_BODIES,
    AgendaItem,
    Attendance,
    Ballot,
    Body,
    BodyFollow,
    BodyKind,
    BodyMember,
    Choice,
    Decision,
    Meeting,
    Method,
    Motion,
    MotionOption,
    MotionStatus,
    Outcome,
    Participation,
    Proxy,
    QuorumKind,
    SeatRole,
)
from .notify import notify_body

# --- bodies and seats -------------------------------------------------------------------


def body_create(
    *,
    pole: Pole,
    kind: str,
    name: str,
    description: str = "",
    visibility: str = "members",
    max_proxies_per_person: int = 2,
    allows_proxies: bool | None = None,
    open_to_join: bool | None = None,
) -> Body:
    """A body of the pole. Unless told, proxies are allowed in a general meeting (as the
    usual statutes say) and commissions are open."""
    if kind in SINGLE_BODIES and Body.objects.filter(pole=pole, kind=kind).exists():
        raise ValidationError(_("Ce pôle a déjà cette instance."))
    return Body.objects.create(
        pole=pole,
        kind=kind,
        name=name,
        description=description,
        visibility=visibility,
        max_proxies_per_person=max_proxies_per_person,
        allows_proxies=kind == BodyKind.GENERAL_MEETING if allows_proxies is None else allows_proxies,
        open_to_join=kind == BodyKind.COMMISSION if open_to_join is None else open_to_join,
    )


def body_update(
    *,
    body: Body,
    name: str,
    description: str,
    visibility: str,
    max_proxies_per_person: int,
    allows_proxies: bool | None = None,
    open_to_join: bool | None = None,
) -> Body:
    body.name, body.description, body.visibility = name, description, visibility
    body.max_proxies_per_person = max_proxies_per_person
    fields = ["name", "description", "visibility", "max_proxies_per_person"]
    if allows_proxies is not None:
        body.allows_proxies = allows_proxies
        fields.append("allows_proxies")
    if open_to_join is not None:
        body.open_to_join = open_to_join
        fields.append("open_to_join")
    body.save(update_fields=fields)
    return body


def _membership_of(pole: Pole, *, person=None, structure=None) -> Membership | None:
    memberships = Membership.objects.filter(pole=pole, status=MembershipStatus.ACTIVE).select_related("college")
    if person is not None:
        return memberships.filter(person=person).first()
    return memberships.filter(structure=structure).first()


def body_member_add(
    *,
    body: Body,
    by,
    person=None,
    structure=None,
    college: College | None = None,
    role: str = SeatRole.MEMBER,
    mandate: str = "elected",
    since: datetime.date | None = None,
) -> BodyMember:
    """Give a seat. On the board, the seats of each college are counted under a lock on the
    college row, so two elections at the same time cannot exceed College.board_seats."""
    if (person is None) == (structure is None):
        raise ValidationError(_("Choisissez une personne ou une structure."))
    if body.is_general_meeting or body.is_plenary:
        raise ValidationError(
            _("L’assemblée générale réunit tous les membres à jour de cotisation : on n’y attribue pas de siège.")
            if body.is_general_meeting
            else _("L’assemblée plénière réunit tous les membres du réseau : on n’y attribue pas de siège.")
        )
    if structure is not None and structure.pole_id != body.pole_id:
        raise ValidationError(_("Cette structure n’est pas dans l’annuaire du pôle."))
    membership = _membership_of(body.pole, person=person, structure=structure)
    if body.kind in (BodyKind.BOARD, BodyKind.BUREAU) and membership is None:
        raise ValidationError(_("Seuls les membres du pôle siègent au conseil d’administration et au bureau."))
    if body.is_board:
        if college is None:
            raise ValidationError(_("Au conseil d’administration, chaque siège appartient à un collège."))
        if membership is not None and membership.college is not None and membership.college_id != college.pk:
            raise ValidationError(
                _("Ce membre appartient au collège « %(college)s ».") % {"college": membership.college.name}
            )
    if college is not None and college.pole_id != body.pole_id:
        raise ValidationError(_("Ce collège n’est pas celui du pôle."))
    since = since or timezone.localdate()
    with transaction.atomic():
        if body.is_board:
            assert college is not None  # a board seat without a college was refused above
            locked = College.objects.select_for_update().get(pk=college.pk)
            taken = current_seats(body).filter(college=locked).count()
            if taken >= locked.board_seats:
                raise ValidationError(
                    _("Les %(seats)s sièges du collège « %(college)s » sont déjà pourvus.")
                    % {"seats": locked.board_seats, "college": locked.name}
                )
        try:
            with transaction.atomic():
                seat = BodyMember.objects.create(
                    body=body,
                    person=person,
                    structure=structure,
                    college=college,
                    role=role,
                    mandate=mandate,
                    since=since,
                    added_by=by,
                )
        except IntegrityError as error:
            raise ValidationError(_("Ce membre siège déjà dans cette instance.")) from error
    return seat


def body_member_end(*, seat: BodyMember, by, until: datetime.date | None = None) -> BodyMember:
    until = until or timezone.localdate()
    if until < seat.since:
        raise ValidationError(_("La fin du mandat ne peut pas précéder son début."))
    seat.until = until
    seat.save(update_fields=["until"])
    return seat


def body_follow(*, body: Body, person) -> None:
    BodyFollow.objects.get_or_create(body=body, person=person)


def body_unfollow(*, body: Body, person) -> None:
    BodyFollow.objects.filter(body=body, person=person).delete()


# --- meetings, agenda, proposals -------------------------------------------------------------


def meeting_create(*, body: Body, by, title: str, starts_at: datetime.datetime, place: str = "") -> Meeting:
    with transaction.atomic():
        meeting = Meeting.objects.create(body=body, title=title, starts_at=starts_at, place=place, created_by=by)
        notify_body(body=body, template="governance/email/meeting", context={"meeting": meeting}, exclude=by)
    return meeting


def meeting_minutes_save(*, meeting: Meeting, by, minutes: str, publish: bool) -> Meeting:
    meeting.minutes = minutes
    if publish and not meeting.minutes_published_at:
        meeting.minutes_published_at = timezone.now()
    elif not publish:
        meeting.minutes_published_at = None
    meeting.save(update_fields=["minutes", "minutes_published_at"])
    return meeting


def attendance_save(*, meeting: Meeting, by, statuses: dict[int, str]) -> None:
    """`statuses` maps a seat id to an AttendanceStatus; seats outside the body are ignored."""
    seat_ids = set(BodyMember.objects.filter(body=meeting.body, pk__in=statuses).values_list("pk", flat=True))
    with transaction.atomic():
        for seat_id in seat_ids:
            Attendance.objects.update_or_create(
                meeting=meeting, seat_id=seat_id, defaults={"status": statuses[seat_id]}
            )


def agenda_item_add(*, meeting: Meeting, by, title: str, text: str = "") -> AgendaItem:
    position = (meeting.items.aggregate(m=Max("position"))["m"] or 0) + 1
    return AgendaItem.objects.create(
        body=meeting.body, meeting=meeting, title=title, text=text, position=position, proposed_by=by
    )


def agenda_item_schedule(*, item: AgendaItem, meeting: Meeting, by) -> AgendaItem:
    if meeting.body_id != item.body_id:
        raise ValidationError(_("Cette réunion n’est pas une réunion de la même instance."))
    item.meeting = meeting
    item.position = (meeting.items.aggregate(m=Max("position"))["m"] or 0) + 1
    item.save(update_fields=["meeting", "position"])
    return item


def proposal_send_to_board(*, commission: Body, by, title: str, text: str) -> AgendaItem:
    """A commission's proposal becomes an item of the board's agenda, waiting to be scheduled."""
    if commission.kind != BodyKind.COMMISSION:
        raise ValidationError(_("Seule une commission peut saisir le conseil d’administration."))
    board = Body.objects.filter(pole=commission.pole_id, kind=BodyKind.BOARD).first()
    if board is None:
        raise ValidationError(_("Ce pôle n’a pas encore de conseil d’administration."))
    with transaction.atomic():
        item = AgendaItem.objects.create(body=board, title=title, text=text, origin_body=commission, proposed_by=by)
        notify_body(
            body=board,
            template="governance/email/proposal",
            context={"item": item, "commission": commission},
            exclude=by,
        )
    return item


# --- motions and votes ------------------------------------------------------------------------


def motion_create(
    *,
    pole: Pole,
    by,
    title: str,
    text: str,
    opens_at: datetime.datetime,
    closes_at: datetime.datetime,
    body: Body | None = None,
    meeting: Meeting | None = None,
    agenda_item: AgendaItem | None = None,
    method: str = Method.YES_NO,
    majority: str = "simple",
    quorum_kind: str = QuorumKind.NONE,
    quorum_value: int = 0,
    secret: bool = False,
    allow_change: bool = False,
    options: list[str] | None = None,
) -> Motion:
    options = [o.strip() for o in options or [] if o.strip()]
    if closes_at <= opens_at:
        raise ValidationError(_("La clôture doit venir après l’ouverture."))
    if secret and allow_change:
        raise ValidationError(
            _("Un vote à bulletin secret ne peut pas être modifié : rien ne relie le bulletin à son auteur.")
        )
    if method == Method.APPROVAL and len(options) < 2:
        raise ValidationError(_("Un vote par approbation demande au moins deux options."))
    if quorum_kind == QuorumKind.PERCENT and not 0 < quorum_value <= 100:
        raise ValidationError(_("Un quorum en pourcentage est compris entre 1 et 100."))
    bodies = [body, meeting.body if meeting else None, agenda_item.body if agenda_item else None]
    for related in bodies:
        if related is not None and related.pole_id != pole.pk:
            raise ValidationError(_("Cette instance n’est pas celle du pôle."))
    with transaction.atomic():
        motion = Motion.objects.create(
            pole=pole,
            body=body,
            meeting=meeting,
            agenda_item=agenda_item,
            title=title,
            text=text,
            method=method,
            majority=majority,
            quorum_kind=quorum_kind,
            quorum_value=quorum_value,
            secret=secret,
            allow_change=allow_change,
            opens_at=opens_at,
            closes_at=closes_at,
            created_by=by,
        )
        if method == Method.APPROVAL:
            MotionOption.objects.bulk_create(
                [MotionOption(motion=motion, label=label, position=i) for i, label in enumerate(options)]
            )
        if body is not None:
            notify_body(body=body, template="governance/email/motion", context={"motion": motion}, exclude=by)
    return motion


class VoteRefused(ValidationError):
    """A vote that cannot be cast: the message says why, in French."""


ALLOWED_CHOICES: dict[str, set[str]] = {
    Method.YES_NO: {Choice.YES, Choice.NO, Choice.ABSTAIN},
    Method.CONSENT: {Choice.CONSENT, Choice.OBJECT},
    Method.APPROVAL: {Choice.APPROVAL},
}


def vote_cast(
    *,
    motion: Motion,
    by,
    voter_key: str,
    choice: str,
    option_ids: list[int] | None = None,
    reason: str = "",
    now: datetime.datetime | None = None,
) -> Participation:
    """Cast (or, when the motion allows it, change) one vote. The Participation row's unique
    constraints make a second vote for the same voter fail even under a race."""
    now = now or timezone.now()
    _refuse_outside_window(motion, now)
    voter = standing(motion=motion, user=by).find(voter_key)
    if voter is None:
        raise VoteRefused(_("Vous ne pouvez pas voter à ce titre pour ce vote."))
    if choice not in ALLOWED_CHOICES[motion.method]:
        raise VoteRefused(_("Ce choix n’existe pas pour ce vote."))
    reason = reason.strip()
    if choice == Choice.OBJECT and not reason:
        raise VoteRefused(_("Une objection se motive : dites ce qui vous en empêche."))
    options = []
    if motion.method == Method.APPROVAL:
        options = list(motion.options.filter(pk__in=option_ids or []))
        if len(options) != len(set(option_ids or [])):
            raise VoteRefused(_("Une des options choisies n’existe pas."))
    with transaction.atomic():
        # Re-read and lock the motion inside the transaction: a close that committed since the
        # check above, or that is running now, is seen here, so no ballot is ever stored after
        # its motion was counted (the stored tally equals the ballots). The row lock orders this
        # vote and motion_close on PostgreSQL; on SQLite, BEGIN IMMEDIATE serialises writers.
        _refuse_outside_window(Motion.objects.select_for_update().get(pk=motion.pk), now)
        existing = _participation_of(motion, voter)
        if existing is not None:
            if not motion.allow_change or motion.secret:
                raise VoteRefused(_("Ce vote est déjà enregistré et ne peut plus être modifié."))
            ballot = Ballot.objects.get(motion=motion, person=voter.person_id, structure=voter.structure_id)
            ballot.choice, ballot.reason = choice, reason if choice == Choice.OBJECT else ""
            ballot.save(update_fields=["choice", "reason"])
            ballot.options.set(options)
            return existing
        try:
            with transaction.atomic():
                participation = Participation.objects.create(
                    motion=motion,
                    person_id=voter.person_id,
                    structure_id=voter.structure_id,
                    cast_by=by,
                    by_proxy=voter.proxy_id is not None,
                )
        except IntegrityError as error:
            raise VoteRefused(_("Ce vote est déjà enregistré.")) from error
        ballot = Ballot.objects.create(
            motion=motion,
            choice=choice,
            reason=reason if choice == Choice.OBJECT else "",
            # The secret ballot keeps no trace of its voter (see Ballot's docstring).
            person_id=None if motion.secret else voter.person_id,
            structure_id=None if motion.secret else voter.structure_id,
        )
        if options:
            ballot.options.set(options)
    return participation


def _refuse_outside_window(motion: Motion, now: datetime.datetime) -> None:
    window = motion.window(now)
    if window == "before":
        raise VoteRefused(
            _("Le vote n’est pas encore ouvert : il ouvre le %(date)s.") % {"date": _when(motion.opens_at)}
        )
    if window == "after":
        raise VoteRefused(_("Le vote est clos depuis le %(date)s.") % {"date": _when(motion.closes_at)})


def _participation_of(motion: Motion, voter: Voter) -> Participation | None:
    if voter.person_id:
        return Participation.objects.filter(motion=motion, person_id=voter.person_id).first()
    return Participation.objects.filter(motion=motion, structure=voter.structure_id).first()


def _when(moment: datetime.datetime) -> str:
    from django.utils.formats import date_format

    return date_format(timezone.localtime(moment), "j F Y à H:i")


def count_ballots(motion: Motion, *, eligible: int) -> counting.Result:
    """Count the stored ballots of `motion` with the rules of counting.py."""
    choices = dict(
        Ballot.objects.filter(motion=motion).values_list("choice").annotate(n=Count("pk")).values_list("choice", "n")
    )
    approvals = None
    if motion.method == Method.APPROVAL:
        approvals = {
            str(pk): n
            for pk, n in MotionOption.objects.filter(motion=motion).annotate(n=Count("ballots")).values_list("pk", "n")
        }
    return counting.count(
        method=motion.method,
        majority=motion.majority,
        quorum_kind=motion.quorum_kind,
        quorum_value=motion.quorum_value,
        eligible_count=eligible,
        participation_count=Participation.objects.filter(motion=motion).count(),
        choices=choices,
        approvals=approvals,
    )


def motion_close(*, motion: Motion, now: datetime.datetime | None = None, by=None) -> Motion:
    """Close the vote, count it, publish the result and register the decision if adopted.
    Called by the `governance_close_motions` command once the closing time has passed, or by a
    manager who closes early (the closing time then becomes now)."""
    now = now or timezone.now()
    with transaction.atomic():
        motion = (
            Motion.objects.select_for_update(of=("self",)).select_related("pole", "body", "meeting").get(pk=motion.pk)
        )
        if motion.is_closed:
            return motion
        if now < motion.closes_at:
            if by is None:
                raise ValidationError(_("Ce vote n’est pas encore arrivé à sa clôture."))
            motion.closes_at = max(now, motion.opens_at + datetime.timedelta(seconds=1))
        eligible = eligible_count(motion, year=motion.closes_at.year)
        result = count_ballots(motion, eligible=eligible)
        motion.status = MotionStatus.CLOSED
        motion.closed_at = now
        motion.eligible_count = eligible
        motion.participation_count = result.participation_count
        motion.quorum_required = result.quorum_required
        motion.tally = result.tally
        motion.outcome = result.outcome
        motion.save()
        if result.outcome == Outcome.ADOPTED:
            decision_record(
                pole=motion.pole,
                by=by,
                title=motion.title,
                text=motion.text,
                result=result_summary(motion),
                decided_on=timezone.localdate(motion.closes_at),
                body=motion.body,
                meeting=motion.meeting,
                motion=motion,
            )
        if motion.body is not None:
            notify_body(body=motion.body, template="governance/email/result", context={"motion": motion})
    return motion


def motions_close_due(*, now: datetime.datetime | None = None) -> list[Motion]:
    now = now or timezone.now()
    due = Motion.objects.filter(status=MotionStatus.OPEN, closes_at__lte=now).order_by("closes_at", "pk")
    return [motion_close(motion=motion, now=now) for motion in due]


def result_summary(motion: Motion) -> str:
    """One line for the register, e.g. « Adoptée : 9 pour, 2 contre, 1 abstention (12 votants sur 12) »."""
    tally = motion.tally
    parts = []
    if motion.method == Method.YES_NO:
        parts = [
            _("%(n)s pour") % {"n": tally.get("yes", 0)},
            _("%(n)s contre") % {"n": tally.get("no", 0)},
            ngettext("%(n)s abstention", "%(n)s abstentions", tally.get("abstain", 0)) % {"n": tally.get("abstain", 0)},
        ]
    elif motion.method == Method.CONSENT:
        parts = [
            ngettext("%(n)s objection", "%(n)s objections", tally.get("object", 0)) % {"n": tally.get("object", 0)}
        ]
    else:
        labels = dict(motion.options.values_list("pk", "label"))
        winner = tally.get("winner")
        if winner:
            parts = [_("option retenue : %(label)s") % {"label": labels.get(int(winner), "")}]
    participation = motion.participation_count or 0  # set by motion_close
    votes = ngettext("%(p)s votant sur %(e)s", "%(p)s votants sur %(e)s", participation) % {
        "p": participation,
        "e": motion.eligible_count,
    }
    return (
        f"{motion.get_outcome_display()} : {', '.join(parts)} ({votes})"
        if parts
        else f"{motion.get_outcome_display()} ({votes})"
    )


# --- proxies ------------------------------------------------------------------------------------


def proxy_give(*, body: Body, by, holder, giver_structure=None) -> Proxy:
    """`by` gives their vote (or their structure's) to `holder`, where the body's rules allow
    proxies. The body row is locked while counting the holder's proxies, so the maximum holds
    under a race."""
    if not body.allows_proxies:
        raise ValidationError(_("Les statuts de « %(body)s » n’admettent pas les pouvoirs.") % {"body": body.name})
    if holder.pk == by.pk:
        raise ValidationError(_("On ne se donne pas pouvoir à soi-même."))
    giver = None if giver_structure is not None else by
    if not is_voter_of_body(body=body, person=giver, structure=giver_structure):
        raise ValidationError(
            _("Seul un membre à jour de cotisation peut donner pouvoir.")
            if uses_fee_rule(body)
            else _("Seul un membre de l’instance peut donner pouvoir.")
        )
    if not eligible_holders(body=body).filter(pk=holder.pk).exists():
        raise ValidationError(
            _("Cette personne n’est pas un membre à jour de cotisation : elle ne peut pas recevoir de pouvoir.")
            if uses_fee_rule(body)
            else _("Cette personne ne siège pas dans l’instance : elle ne peut pas recevoir de pouvoir.")
        )
    with transaction.atomic():
        locked = Body.objects.select_for_update().get(pk=body.pk)
        held = Proxy.objects.filter(body=locked, holder=holder, revoked_at__isnull=True).count()
        if held >= locked.max_proxies_per_person:
            raise ValidationError(
                _("%(name)s détient déjà %(n)s pouvoir(s), le maximum pour cette instance.")
                % {"name": holder.public_name, "n": held}
            )
        try:
            with transaction.atomic():
                return Proxy.objects.create(
                    body=locked, giver=giver, giver_structure=giver_structure, holder=holder, created_by=by
                )
        except IntegrityError as error:
            raise ValidationError(
                _("Un pouvoir est déjà donné : retirez-le d’abord pour en donner un autre.")
            ) from error


def proxy_revoke(*, proxy: Proxy, by) -> Proxy:
    if proxy.revoked_at is None:
        proxy.revoked_at = timezone.now()
        proxy.save(update_fields=["revoked_at"])
    return proxy


# --- decisions register ----------------------------------------------------------------------------


def decision_record(
    *,
    pole: Pole,
    by,
    title: str,
    text: str,
    result: str,
    decided_on: datetime.date,
    body: Body | None = None,
    meeting: Meeting | None = None,
    motion: Motion | None = None,
) -> Decision:
    """Register a decision under the next number of its year. The pole row is locked while the
    number is chosen, so concurrent decisions get 2026-007 and 2026-008, never a gap or a twin."""
    with transaction.atomic():
        Pole.objects.select_for_update().filter(pk=pole.pk).first()
        year = decided_on.year
        last = Decision.objects.filter(pole=pole, year=year).aggregate(m=Max("sequence"))["m"] or 0
        sequence = last + 1
        return Decision.objects.create(
            pole=pole,
            year=year,
            sequence=sequence,
            number=f"{year}-{sequence:03d}",
            decided_on=decided_on,
            body=body,
            meeting=meeting,
            motion=motion,
            title=title,
            text=text,
            result=result,
            search_text=build_search_text(f"{year}-{sequence:03d}", title, text, body.name if body else ""),
            recorded_by=by,
        )
