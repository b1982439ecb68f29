"""Writes of the contact log: record, change, close the follow-up of, and delete a contact."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from peps.accounts.models import User
from peps.core.text import fold
from peps.directory.models import Structure
from peps.poles.models import Pole

from .models import Channel, Contact

EDITABLE = (
    "date",
    "structure",
    "person",
    "person_name",
    "channel",
    "topic",
    "notes",
    "follow_up",
    "follow_up_on",
    "done",
)


def _validate(contact: Contact) -> None:
    errors = {}
    if contact.structure_id is None and contact.person_id is None and not contact.person_name.strip():
        errors["person_name"] = _("Indiquez la structure ou la personne contactée (au moins l’une des deux).")
    if contact.structure is not None and contact.structure.pole_id != contact.pole_id:
        errors["structure"] = _("Cette structure n’est pas dans l’annuaire du pôle.")
    # One day of margin: a contact typed late at night in another time zone stays valid.
    if contact.date and contact.date > timezone.localdate() + datetime.timedelta(days=1):
        errors["date"] = _("Un contact se note une fois qu’il a eu lieu : la date ne peut pas être dans le futur.")
    if contact.follow_up_on and contact.date and contact.follow_up_on < contact.date:
        errors["follow_up_on"] = _("La suite à donner ne peut pas être prévue avant la date du contact.")
    if contact.channel not in Channel.values:
        errors["channel"] = _("Choisissez un moyen de contact dans la liste.")
    if not (contact.topic or "").strip():
        errors["topic"] = _("Indiquez le sujet de l’échange.")
    if errors:
        raise ValidationError(errors)


def _normalise(contact: Contact) -> None:
    contact.person_name = " ".join((contact.person_name or "").split())
    contact.topic = contact.topic.strip()
    contact.person_key = fold(contact.person_name)[:120]


def contact_create(
    *,
    pole: Pole,
    by: User,
    date: datetime.date,
    channel: str,
    topic: str,
    structure: Structure | None = None,
    person: User | None = None,
    person_name: str = "",
    notes: str = "",
    follow_up: str = "",
    follow_up_on: datetime.date | None = None,
) -> Contact:
    """Record a contact; the structure must be in the pole's directory."""
    contact = Contact(
        pole=pole,
        recorded_by=by,
        date=date,
        channel=channel,
        topic=topic,
        structure=structure,
        person=person,
        person_name=person_name,
        notes=notes,
        follow_up=follow_up,
        follow_up_on=follow_up_on,
    )
    _normalise(contact)
    _validate(contact)
    with transaction.atomic():
        contact.save()
    return contact


def contact_update(*, contact: Contact, by: User, **changes) -> Contact:
    """Change some fields of a contact (those of EDITABLE) and check the whole again."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise TypeError(f"contact_update cannot change {sorted(unknown)}")
    for name, value in changes.items():
        setattr(contact, name, value)
    _normalise(contact)
    _validate(contact)
    with transaction.atomic():
        contact.save()
    return contact


def contact_mark_done(*, contact: Contact, by: User) -> Contact:
    if not contact.done:
        contact.done = True
        contact.save(update_fields=["done", "updated_at"])
    return contact


def contact_delete(*, contact: Contact, by: User) -> None:
    with transaction.atomic():
        contact.delete()
