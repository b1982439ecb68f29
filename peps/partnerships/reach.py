"""Who a partnership proposal reaches, and how it is followed up when nobody answers.

A proposal always reaches someone: a person with an account (through the notifications
app), the structure's public e-mail with a signed answer link (no account needed), or the
pole's coordination, who relays it by phone or in person and records the relay in the
contact log. Unanswered proposals get one reminder, then expire (delays per pole)."""

import dataclasses
import datetime
import functools

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from peps.accounts.models import User
from peps.core.sql import column, fetch_rows, joined_instances, joined_select, model_columns, model_from_row
from peps.directory.models import Representative, RepresentativeStatus, Structure
from peps.notifications.services import absolute_url, email_without_account, notify
from peps.poles.models import Membership, MembershipStatus, Pole, Role

from .models import Offer, Partnership, PartnershipEvent, PartnershipSettings, PartnershipStatus, ReachedVia
from .selectors import PERSON_FIELDS

ANSWER_SALT = "partnerships.answer-link"
DEFAULT_REMINDER_DAYS = 7
DEFAULT_EXPIRY_DAYS = 30
NAME_MAX_LENGTH = 120


@dataclasses.dataclass
class Recipient:
    """Who will receive a proposal: shown before proposing, used when proposing."""

    via: str
    people: list = dataclasses.field(default_factory=list)
    email: str = ""
    for_project: bool = False  # the answering side is a project (its holder), not a partner

    @property
    def names(self) -> str:
        return ", ".join(person.public_name for person in self.people)

    @property
    def label(self) -> str:
        if self.via == ReachedVia.PERSON:
            return _("Reçu par %(name)s, dans PEPS et par e-mail.") % {"name": self.names}
        if self.for_project:
            return _(
                "Le projet n’a pas de porteur sur PEPS : la coordination du pôle reçoit la proposition et la transmet."
            )
        if self.via == ReachedVia.REPRESENTATIVE:
            return _("Reçu par %(names)s, qui représente la structure sur PEPS.") % {"names": self.names}
        if self.via == ReachedVia.EMAIL:
            return _(
                "La structure n’a pas de représentant sur PEPS : la proposition part à l’adresse e-mail de sa "
                "fiche, avec un lien pour répondre sans compte."
            )
        return _(
            "La structure n’a ni représentant ni e-mail : la coordination du pôle reçoit la proposition et la transmet."
        )


def delays_of(pole: Pole) -> PartnershipSettings:
    """The pole's delays, or the defaults (7 and 30 days) when it never changed them."""
    row = PartnershipSettings.objects.filter(pole=pole).first()
    return row or PartnershipSettings(pole=pole, reminder_days=DEFAULT_REMINDER_DAYS, expiry_days=DEFAULT_EXPIRY_DAYS)


def coordinators_of(pole: Pole) -> list:
    memberships = Membership.objects.filter(
        pole=pole, status=MembershipStatus.ACTIVE, role__in=[Role.COORDINATOR, Role.ADMIN], person__isnull=False
    ).select_related("person")[:20]
    return [membership.person for membership in memberships]


def _representatives(structure_ids) -> dict[int, list]:
    rows = Representative.objects.filter(
        structure_id__in=structure_ids, status=RepresentativeStatus.APPROVED
    ).select_related("person")
    people: dict[int, list] = {}
    for row in rows:
        people.setdefault(row.structure_id, []).append(row.person)
    return people


def _for_structure(structure: Structure, representatives: list, pole: Pole, coordinators=None) -> Recipient:
    if representatives:
        return Recipient(via=ReachedVia.REPRESENTATIVE, people=representatives)
    if structure.email:
        return Recipient(via=ReachedVia.EMAIL, email=structure.email)
    return Recipient(
        via=ReachedVia.COORDINATION, people=coordinators if coordinators is not None else coordinators_of(pole)
    )


@functools.lru_cache(maxsize=32)
def _named_representatives_sql(count: int, vendor: str) -> str:
    quote = connection.ops.quote_name
    people = model_columns(User, PERSON_FIELDS, "u")
    return (
        f"SELECT {column(Representative, 'structure', 'r')}, {people}"  # noqa: S608 - the models' quoted names
        f" FROM {quote(Representative._meta.db_table)} r INNER JOIN {quote(User._meta.db_table)} u"
        f" ON {column(User, 'pk', 'u')} = {column(Representative, 'person', 'r')}"
        f" WHERE {column(Representative, 'status', 'r')} = %s"
        f" AND {column(Representative, 'structure', 'r')} IN ({', '.join(['%s'] * count)})"
        f" ORDER BY {column(Representative, 'pk', 'r')}"
    )


def _named_representatives(structure_ids: set[int]) -> dict[int, list]:
    """_representatives() for a page that shows their names: the people with those fields
    only, in one written-out read (the ORM's select of both rows whole cost ten times more)."""
    if not structure_ids:
        return {}
    ids = sorted(structure_ids)
    rows = fetch_rows(_named_representatives_sql(len(ids), connection.vendor), [RepresentativeStatus.APPROVED, *ids])
    people: dict[int, list] = {}
    for row in rows:
        people.setdefault(row[0], []).append(model_from_row(User, row, 1, PERSON_FIELDS))
    return people


def recipients_for_offers(offers: list[Offer], *, pole: Pole) -> dict[int, Recipient]:
    """Who each offer's owner is reached through, in one query for a whole list (for the
    need's page: the people come with their names only)."""
    # The offers come with their structure (select_related): one query for the representatives.
    representatives = _named_representatives({offer.structure_id for offer in offers if offer.structure_id})
    result = {}
    for offer in offers:
        if offer.person_id:
            result[offer.pk] = Recipient(via=ReachedVia.PERSON, people=[offer.person])
        else:
            representing = representatives.get(offer.structure_id, [])
            result[offer.pk] = _for_structure(offer.structure, representing, pole, [])
    return result


_HOLDER = (("holder", PERSON_FIELDS),)


@functools.lru_cache(maxsize=32)
def _holders_sql(count: int, vendor: str) -> str:
    from peps.projects.models import Project

    head, tail = joined_select(Project, ("holder",), _HOLDER)
    return f"{head}{tail} WHERE {column(Project, 'pk')} IN ({', '.join(['%s'] * count)})"


def recipients_for_needs(needs: list, *, pole: Pole) -> dict[int, Recipient]:
    """For an offer's owner proposing to projects' needs: each project's holder, or the
    coordination when the project has none on PEPS. One query for a whole list (for the
    offer's page: the holders come with their names only)."""
    from peps.projects.models import Project

    ids = sorted({need.project_id for need in needs if need.project_id})
    rows = fetch_rows(_holders_sql(len(ids), connection.vendor), ids) if ids else []
    holders = {project.pk: project.holder for project in joined_instances(Project, ("holder",), _HOLDER, rows)}
    result = {}
    for need in needs:
        if not need.project_id:
            continue
        holder = holders.get(need.project_id)
        result[need.pk] = (
            Recipient(via=ReachedVia.PERSON, people=[holder])
            if holder is not None
            else Recipient(via=ReachedVia.COORDINATION, for_project=True)
        )
    return result


def answering_side(partnership: Partnership) -> Recipient:
    """Who must answer this partnership, as of now."""
    if partnership.proposed_by_partner:
        holder = partnership.project.holder
        if holder is not None:
            return Recipient(via=ReachedVia.PERSON, people=[holder])
        return Recipient(via=ReachedVia.COORDINATION, people=coordinators_of(partnership.pole))
    if partnership.partner_person_id:
        return Recipient(via=ReachedVia.PERSON, people=[partnership.partner_person])
    structure = partnership.partner_structure
    return _for_structure(structure, _representatives([structure.pk]).get(structure.pk, []), partnership.pole)


def proposing_side(partnership: Partnership) -> list:
    people = [partnership.proposed_by]
    if not partnership.proposed_by_partner:
        people.append(partnership.project.holder)
    seen, result = set(), []
    for person in people:
        if person is not None and person.pk not in seen:
            seen.add(person.pk)
            result.append(person)
    return result


# --- The signed answer link


def answer_token(partnership: Partnership) -> str:
    return signing.dumps({"p": partnership.pk}, salt=ANSWER_SALT)


def answer_url(partnership: Partnership) -> str:
    path = reverse(
        "partnerships:answer_link", kwargs={"pole": partnership.pole.slug, "token": answer_token(partnership)}
    )
    return absolute_url(path)


def partnership_from_token(*, token: str, pole: Pole) -> Partnership:
    """The partnership of a signed link; the link is valid as long as the proposal may be
    answered (the pole's expiry delay). Raises ValidationError with a French message."""
    max_age = datetime.timedelta(days=delays_of(pole).expiry_days + 1)
    try:
        data = signing.loads(token, salt=ANSWER_SALT, max_age=max_age)
    except signing.SignatureExpired as error:
        raise ValidationError(
            _("Ce lien a expiré : la proposition n’attend plus de réponse."), code="expired"
        ) from error
    except signing.BadSignature as error:
        raise ValidationError(
            _("Ce lien n’est pas valable : vérifiez qu’il a été copié en entier depuis l’e-mail."), code="bad"
        ) from error
    partnership = (
        Partnership.objects.select_related("pole", "project", "need", "offer", "partner_structure", "proposed_by")
        .filter(pk=data.get("p"), pole=pole)
        .first()
    )
    if partnership is None:
        raise ValidationError(_("Cette proposition n’existe plus."), code="gone")
    return partnership


# --- Telling the answering side


def tell_proposed(partnership: Partnership, *, by) -> None:
    """Reach the answering side (see Recipient) and remember how it was reached."""
    recipient = answering_side(partnership)
    project = partnership.project
    Partnership.objects.filter(pk=partnership.pk).update(reached_via=recipient.via, contact_email=recipient.email)
    partnership.reached_via, partnership.contact_email = recipient.via, recipient.email
    context = {"partnership": partnership, "project": project, "by": by}
    if recipient.via == ReachedVia.EMAIL:
        _email_structure(partnership, template="partnerships/email/proposed_by_email")
        return
    if recipient.via == ReachedVia.COORDINATION:
        text = _(
            "À transmettre : le projet « %(project)s » propose un partenariat à %(partner)s, qui n’a pas de contact."
        )
        notify(
            recipients=[person for person in recipient.people if person.pk != getattr(by, "pk", None)],
            kind="partnerships.relay",
            text=text % {"project": project.title, "partner": partnership.partner_name},
            url=reverse("partnerships:dashboard", kwargs={"pole": partnership.pole.slug}) + "#a-transmettre",
            pole=partnership.pole,
            email_template="partnerships/email/relay",
            context=context,
        )
        return
    if partnership.proposed_by_partner:
        text = _("%(partner)s propose un partenariat à votre projet « %(project)s ».")
    elif partnership.partner_person_id:
        text = _("Le projet « %(project)s » vous propose un partenariat.")
    else:
        text = _("Le projet « %(project)s » propose un partenariat à %(partner)s.")
    notify(
        recipients=[person for person in recipient.people if person.pk != getattr(by, "pk", None)],
        kind="partnerships.proposed",
        text=text % {"project": project.title, "partner": partnership.partner_name},
        url=partnership.get_absolute_url(),
        pole=partnership.pole,
        email_template="partnerships/email/proposed",
        context=context,
    )


def _email_structure(partnership: Partnership, *, template: str, extra: dict | None = None) -> None:
    # The only e-mail-only case: an address that belongs to no account on PEPS.
    structure = partnership.partner_structure
    claim_path = reverse("directory:claim", kwargs={"pole": partnership.pole.slug, "slug": structure.slug})
    email_without_account(
        to=[partnership.contact_email or structure.email],
        template=template,
        context={
            "partnership": partnership,
            "project": partnership.project,
            "structure": structure,
            "answer_url": answer_url(partnership),
            "claim_url": absolute_url(claim_path),
            "expiry_days": delays_of(partnership.pole).expiry_days,
            **(extra or {}),
        },
    )


def tell_structure_of_message(partnership: Partnership, event: PartnershipEvent) -> None:
    """A message of the project side reaches a structure contacted by e-mail, with the link."""
    if partnership.reached_via == ReachedVia.EMAIL and partnership.status == PartnershipStatus.PROPOSED:
        _email_structure(partnership, template="partnerships/email/message_by_email", extra={"event": event})


# --- Answers through the signed link (no account)


def _clean_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": _("Indiquez votre nom, pour que le projet sache qui lui répond.")})
    return name[:NAME_MAX_LENGTH]


def partnership_answer_by_link(*, partnership: Partnership, decision: str, name: str, reason: str = "") -> Partnership:
    """Accept or decline on behalf of a structure reached by e-mail."""
    from .services import partnership_move

    if decision not in (PartnershipStatus.ACCEPTED, PartnershipStatus.DECLINED):
        raise ValidationError(_("Choisissez d’accepter ou de décliner."), code="decision")
    if partnership.reached_via != ReachedVia.EMAIL:
        raise ValidationError(_("Cette proposition se traite dans PEPS."), code="not_by_email")
    return partnership_move(
        partnership=partnership, to_status=decision, by=None, reason=reason, author_name=_clean_name(name)
    )


def partnership_question_by_link(*, partnership: Partnership, name: str, message: str) -> PartnershipEvent:
    """A question from the structure reached by e-mail; the project side is told."""
    from .services import _clean_message

    name = _clean_name(name)
    message = _clean_message(message)
    if not message:
        raise ValidationError({"message": _("Écrivez votre question.")})
    if partnership.status != PartnershipStatus.PROPOSED:
        raise ValidationError(_("Cette proposition a déjà reçu une réponse."), code="answered")
    with transaction.atomic():
        event = PartnershipEvent.objects.create(partnership=partnership, author_name=name, message=message)
        Partnership.objects.filter(pk=partnership.pk).update(updated_at=event.created_at)
        notify(
            recipients=proposing_side(partnership),
            kind="partnerships.question",
            text=_("%(name)s (%(partner)s) pose une question sur le partenariat avec « %(project)s ».")
            % {"name": name, "partner": partnership.partner_name, "project": partnership.project.title},
            url=partnership.get_absolute_url() + "#echanges",
            pole=partnership.pole,
        )
    return event


# --- The coordination relays


def partnership_record_relay(*, partnership: Partnership, by, channel: str, notes: str = "") -> Partnership:
    """The coordination passed the proposal on (phone, meeting…): it goes into the contact
    log of the structure, the history of the partnership, and the proposer is told."""
    from peps.activity.services import contact_create

    if partnership.status != PartnershipStatus.PROPOSED:
        raise ValidationError(_("Cette proposition a déjà reçu une réponse."), code="answered")
    if partnership.relayed_at is not None:
        raise ValidationError(_("Cette proposition a déjà été transmise."), code="relayed")
    now = timezone.now()
    with transaction.atomic():
        contact_create(
            pole=partnership.pole,
            by=by,
            date=timezone.localdate(),
            channel=channel,
            topic=(_("Proposition de partenariat du projet « %(project)s »") % {"project": partnership.project.title})[
                :200
            ],
            structure=partnership.partner_structure,
            notes=notes,
        )
        PartnershipEvent.objects.create(
            partnership=partnership,
            author=by,
            message=_("La coordination a transmis la proposition à %(partner)s.")
            % {"partner": partnership.partner_name},
        )
        Partnership.objects.filter(pk=partnership.pk).update(relayed_at=now, updated_at=now)
        partnership.relayed_at = now
        notify(
            recipients=[person for person in proposing_side(partnership) if person.pk != by.pk],
            kind="partnerships.relayed",
            text=_("La coordination a transmis votre proposition à %(partner)s.")
            % {"partner": partnership.partner_name},
            url=partnership.get_absolute_url(),
            pole=partnership.pole,
        )
    return partnership


# --- Reminder and expiry


def _tell_reminder(partnership: Partnership, delays: PartnershipSettings) -> None:
    recipient = answering_side(partnership)
    if recipient.via == ReachedVia.EMAIL:
        _email_structure(partnership, template="partnerships/email/reminder_by_email")
    else:
        notify(
            recipients=recipient.people,
            kind="partnerships.reminder",
            text=_("Rappel : une proposition de partenariat du projet « %(project)s » attend votre réponse.")
            % {"project": partnership.project.title},
            url=partnership.get_absolute_url()
            if recipient.via != ReachedVia.COORDINATION
            else reverse("partnerships:dashboard", kwargs={"pole": partnership.pole.slug}) + "#a-transmettre",
            pole=partnership.pole,
        )
    notify(
        recipients=proposing_side(partnership),
        kind="partnerships.reminded",
        text=_(
            "Votre proposition à %(partner)s est sans réponse depuis %(days)d jours : nous l’avons relancée. "
            "Sans réponse, elle expirera au bout de %(expiry)d jours."
        )
        % {"partner": partnership.partner_name, "days": delays.reminder_days, "expiry": delays.expiry_days},
        url=partnership.get_absolute_url(),
        pole=partnership.pole,
    )


def _expire(partnership: Partnership, delays: PartnershipSettings, now) -> bool:
    with transaction.atomic():
        current = Partnership.objects.select_for_update().filter(pk=partnership.pk).values_list("status", flat=True)
        if list(current) != [PartnershipStatus.PROPOSED]:
            return False  # answered in the meantime
        reason = _("Sans réponse après %(days)d jours.") % {"days": delays.expiry_days}
        PartnershipEvent.objects.create(
            partnership=partnership,
            from_status=PartnershipStatus.PROPOSED,
            to_status=PartnershipStatus.EXPIRED,
            message=reason,
        )
        Partnership.objects.filter(pk=partnership.pk).update(
            status=PartnershipStatus.EXPIRED, status_reason=reason, updated_at=now
        )
        partnership.status = PartnershipStatus.EXPIRED
        recipient = answering_side(partnership)
        text = _("La proposition de partenariat entre « %(project)s » et %(partner)s a expiré sans réponse.") % {
            "project": partnership.project.title,
            "partner": partnership.partner_name,
        }
        notify(
            recipients=proposing_side(partnership) + [p for p in recipient.people if recipient.via != "coordination"],
            kind="partnerships.expired",
            text=text,
            url=partnership.get_absolute_url(),
            pole=partnership.pole,
        )
        if recipient.via == ReachedVia.EMAIL:
            _email_structure(partnership, template="partnerships/email/expired_by_email")
    return True


def partnerships_remind_and_expire(*, now: datetime.datetime | None = None) -> tuple[int, int]:
    """One reminder after the pole's reminder delay, expiry after its expiry delay; both
    sides are told. Returns (reminded, expired). Meant for a daily scheduled job."""
    now = now or timezone.now()
    reminded = expired = 0
    waiting = (
        Partnership.objects.filter(status=PartnershipStatus.PROPOSED)
        .select_related("pole", "project__holder", "partner_structure", "partner_person", "proposed_by")
        .order_by("pk")
    )
    delays_by_pole: dict[int, PartnershipSettings] = {}
    for partnership in waiting.iterator(chunk_size=200):
        delays = delays_by_pole.get(partnership.pole_id)
        if delays is None:
            delays = delays_by_pole[partnership.pole_id] = delays_of(partnership.pole)
        age = now - partnership.created_at
        if age >= datetime.timedelta(days=delays.expiry_days):
            expired += _expire(partnership, delays, now)
        elif age >= datetime.timedelta(days=delays.reminder_days) and partnership.reminded_at is None:
            with transaction.atomic():
                claimed = Partnership.objects.filter(
                    pk=partnership.pk, status=PartnershipStatus.PROPOSED, reminded_at__isnull=True
                ).update(reminded_at=now)
                if claimed:
                    _tell_reminder(partnership, delays)
                    reminded += 1
    return reminded, expired


def stalled_partnerships(
    *, pole: Pole, now: datetime.datetime | None = None, limit: int = 50, delays: PartnershipSettings | None = None
) -> list[Partnership]:
    """Proposals without answer past the reminder delay, or waiting for the coordination's relay."""
    now = now or timezone.now()
    delays = delays or delays_of(pole)
    waiting = Partnership.objects.filter(pole=pole, status=PartnershipStatus.PROPOSED).filter(
        Q(created_at__lte=now - datetime.timedelta(days=delays.reminder_days))
        | Q(reached_via=ReachedVia.COORDINATION, relayed_at__isnull=True)
    )
    rows = list(
        waiting.select_related("pole", "project", "need", "partner_structure", "partner_person").order_by(
            "created_at", "pk"
        )[:limit]
    )
    for row in rows:
        row.waiting_days = (now - row.created_at).days
        row.expires_on = row.created_at + datetime.timedelta(days=delays.expiry_days)
        row.to_relay = row.reached_via == ReachedVia.COORDINATION and row.relayed_at is None
    return rows


def partnership_delays_update(*, pole: Pole, reminder_days: int, expiry_days: int) -> PartnershipSettings:
    """The coordination sets its pole's delays; the reminder must come before the expiry."""
    errors = {}
    if not 1 <= reminder_days <= 90:
        errors["reminder_days"] = _("La relance part entre 1 et 90 jours après la proposition.")
    if not 2 <= expiry_days <= 365:
        errors["expiry_days"] = _("L’expiration intervient entre 2 et 365 jours après la proposition.")
    elif expiry_days <= reminder_days:
        errors["expiry_days"] = _("L’expiration doit venir après la relance (%(days)d jours).") % {
            "days": reminder_days
        }
    if errors:
        raise ValidationError(errors)
    row, _created = PartnershipSettings.objects.update_or_create(
        pole=pole, defaults={"reminder_days": reminder_days, "expiry_days": expiry_days}
    )
    return row
