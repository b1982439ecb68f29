"""Every write on needs, offers and partnerships. Each service validates, writes in one
transaction, keeps the history (PartnershipEvent), and tells people after commit."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from peps.core.text import build_search_text
from peps.directory.models import RepresentativeStatus, Structure
from peps.notifications.services import notify
from peps.poles.models import Pole
from peps.projects.models import Domain, EconomicModel, Project, ProjectVisibility

from .matching_adapter import (
    STRONG_MATCH_SCORE,
    index_after_write,
    suggest_needs,
    suggestable_needs,
    suggestable_offers,
)
from .models import (
    KINDS_BY_CATEGORY,
    Category,
    MatchNotice,
    Need,
    NeedOfferBase,
    Offer,
    Partnership,
    PartnershipEvent,
    PartnershipStatus,
    Reach,
)

Status = PartnershipStatus
FIELDS = (
    "category",
    "title",
    "description",
    "starts_on",
    "ends_on",
    "reach",
    "commune",
    "radius_km",
    "is_open",
    # What the engine compares beyond words, all optional.
    "kind",
    "skilled",
    "capacity",
    "area_m2",
    "weekdays",
    "day_parts",
    "periods",
    "served_departements",
    "served_epcis",
    "beneficiaries",
    "remote_ok",
    "travels",
)
MESSAGE_MAX_LENGTH = 3000
# Which status may follow which; declining and ending need a reason.
MOVES: dict[str, set[str]] = {
    Status.PROPOSED: {Status.ACCEPTED, Status.DECLINED},
    Status.ACCEPTED: {Status.ACTIVE, Status.ENDED},
    Status.ACTIVE: {Status.COMPLETED, Status.ENDED},
}
NEEDS_REASON = {Status.DECLINED, Status.ENDED}
# A new or changed offer tells at most this many holders of matching needs.
MATCH_NOTIFY_LIMIT = 20


# --- Needs and offers


def validate_need_offer(data: dict) -> None:
    """The rules shared by needs and offers, with French messages attached to fields."""
    errors: dict[str, str] = {}
    if not (data.get("title") or "").strip():
        errors["title"] = _("Dites en quelques mots de quoi il s’agit.")
    if not (data.get("description") or "").strip():
        errors["description"] = _("Décrivez-le : c’est ce qui permet de trouver les bons partenaires.")
    if data.get("category") not in Category.values:
        errors["category"] = _("Choisissez une catégorie.")
    starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
    if starts_on and ends_on and ends_on < starts_on:
        errors["ends_on"] = _("La date de fin (%(end)s) est avant la date de début (%(start)s).") % {
            "end": ends_on.strftime("%d/%m/%Y"),
            "start": starts_on.strftime("%d/%m/%Y"),
        }
    if data.get("kind") and data["kind"] not in KINDS_BY_CATEGORY.get(data.get("category") or "", ()):
        errors["kind"] = _("Cette précision ne correspond pas à la catégorie choisie.")
    for name in ("capacity", "area_m2"):
        if data.get(name) is not None and data[name] < 1:
            errors[name] = _("Indiquez un nombre positif, ou laissez vide.")
    if data.get("reach", Reach.AROUND) == Reach.AROUND and not data.get("commune"):
        errors["commune"] = _("Indiquez la commune autour de laquelle chercher, ou choisissez « tout le territoire ».")
    if errors:
        raise ValidationError(errors)


def _apply(obj: NeedOfferBase, data: dict) -> None:
    for name in FIELDS:
        if name in data:
            setattr(obj, name, data[name])
    obj.title, obj.description = obj.title.strip(), obj.description.strip()
    if obj.reach == Reach.TERRITORY:
        obj.commune = obj.commune if obj.commune else None
    obj.search_text = build_search_text(obj.title, obj.description[:1000])


def _values(obj: NeedOfferBase) -> dict:
    return {name: getattr(obj, name) for name in FIELDS}


def need_create(
    *, pole: Pole, by, data: dict, project: Project | None = None, structure: Structure | None = None
) -> Need:
    """A need of a project, or of a structure (pooling). Permission is checked by the view."""
    if (project is None) == (structure is None):
        raise ValidationError(_("Un besoin appartient à un projet ou à une structure."), code="owner")
    validate_need_offer({"reach": Reach.AROUND, **data})
    need = Need(pole=pole, project=project, structure=structure, created_by=by)
    _apply(need, data)
    with transaction.atomic():
        need.save()
        index_after_write(need)
    return need


def need_update(*, need: Need, by, data: dict) -> Need:
    validate_need_offer({**_values(need), **data})
    _apply(need, data)
    with transaction.atomic():
        need.save()
        index_after_write(need)
    return need


def offer_create(*, pole: Pole, by, data: dict, structure: Structure | None = None) -> Offer:
    """An offer of a structure the person represents (checked by the view), else their own."""
    validate_need_offer({"reach": Reach.AROUND, **data})
    offer = Offer(pole=pole, structure=structure, person=None if structure else by, created_by=by)
    _apply(offer, data)
    with transaction.atomic():
        offer.save()
        index_after_write(offer)
        _look_for_matches_after_commit(offer)
    return offer


def offer_update(*, offer: Offer, by, data: dict) -> Offer:
    validate_need_offer({**_values(offer), **data})
    _apply(offer, data)
    with transaction.atomic():
        offer.save()
        index_after_write(offer)
        _look_for_matches_after_commit(offer)
    return offer


def _look_for_matches_after_commit(offer: Offer) -> None:
    if not offer.is_open:
        return
    from .tasks import notify_strong_matches_task

    transaction.on_commit(lambda: notify_strong_matches_task.enqueue(offer_id=offer.pk))


def need_recipients(need: Need) -> list:
    """Who hears about a need: the project's holder, or the structure's representatives."""
    project = need.project  # no query for a need without a project
    if project is not None:
        return [project.holder] if project.holder is not None else []
    return representatives_of(need.structure_id)


def representatives_of(structure_id: int | None) -> list:
    if not structure_id:
        return []
    structure = Structure.objects.get(pk=structure_id)
    return [
        rep.person
        for rep in structure.representatives.filter(status=RepresentativeStatus.APPROVED).select_related("person")
    ]


def offer_notify_strong_matches(*, offer_id: int) -> int:
    """Tell the holders of open needs that this offer matches strongly; once per pair."""
    offer = Offer.objects.select_related("pole", "structure", "person").filter(pk=offer_id, is_open=True).first()
    if offer is None or not suggestable_offers(offer.pole).filter(pk=offer.pk).exists():
        return 0
    # An offer that cannot serve a need as it is (too small, not eligible…) is not worth a message.
    strong = [
        (s.need, s)
        for s in suggest_needs(offer, limit=MATCH_NOTIFY_LIMIT)
        if s.need is not None and s.score >= STRONG_MATCH_SCORE and not s.misfits
    ]
    told = set(MatchNotice.objects.filter(offer=offer).values_list("need_id", flat=True))
    count = 0
    for need, suggestion in strong:
        if need.pk in told:
            continue
        with transaction.atomic():
            try:
                with transaction.atomic():
                    MatchNotice.objects.create(need=need, offer=offer, score=suggestion.score)
            except IntegrityError:
                continue  # another run told them already
            owner = offer.owner_name
            notify(
                recipients=need_recipients(need),
                kind="partnerships.strong_match",
                text=_("Une offre pourrait répondre à votre besoin « %(need)s » : « %(offer)s » (%(owner)s).")
                % {"need": need.title, "offer": offer.title, "owner": owner},
                url=need.get_absolute_url(),
                pole=offer.pole,
                email_template="partnerships/email/strong_match",
                context={"need": need, "offer": offer, "owner": owner, "reasons": suggestion.reasons},
            )
        count += 1
    return count


# --- Partnerships


def _partner_of(offer: Offer) -> dict:
    return {"partner_structure": offer.structure, "partner_person": offer.person}


def _existing(project: Project, offer: Offer) -> Partnership | None:
    partnerships = Partnership.objects.filter(project=project)
    if offer.structure_id:
        return partnerships.filter(partner_structure_id=offer.structure_id).first()
    return partnerships.filter(partner_person_id=offer.person_id).first()


def _propose_one(*, need: Need, offer: Offer, by, by_partner: bool, message: str) -> tuple[Partnership, bool]:
    """Create the partnership unless it exists: the unique constraints decide, even when two
    requests race (the loser's IntegrityError is caught and the existing row returned)."""
    project = need.project
    assert project is not None, "the callers refuse a need without a project"
    try:
        with transaction.atomic():
            partnership = Partnership.objects.create(
                pole=need.pole,
                project=project,
                need=need,
                offer=offer,
                proposed_by=by,
                proposed_by_partner=by_partner,
                **_partner_of(offer),
            )
            PartnershipEvent.objects.create(
                partnership=partnership, author=by, from_status="", to_status=Status.PROPOSED, message=message
            )
            # In the same transaction: a proposal is never kept without its notice (the
            # e-mails leave after the commit).
            _tell_proposed(partnership, by=by)
    except IntegrityError:
        existing = _existing(project, offer)
        if existing is None:
            raise
        return existing, False
    return partnership, True


def _tell_proposed(partnership: Partnership, *, by) -> None:
    # A proposal always reaches someone: a person, the structure's e-mail, or the coordination.
    from .reach import tell_proposed

    tell_proposed(partnership, by=by)


def _clean_message(message: str) -> str:
    message = (message or "").strip()
    if len(message) > MESSAGE_MAX_LENGTH:
        raise ValidationError(
            _("Le message ne peut pas dépasser %(n)d caractères.") % {"n": MESSAGE_MAX_LENGTH}, code="too_long"
        )
    return message


def partnership_propose_for_need(
    *, need: Need, offers, by, message: str = ""
) -> tuple[list[Partnership], list[Partnership]]:
    """The project side proposes to one or several offers: returns (created, already there)."""
    if not need.project_id:
        raise ValidationError(
            _(
                "Seul le besoin d’un projet peut donner lieu à un partenariat ; la coordination peut mutualiser ce besoin."
            ),
            code="no_project",
        )
    message = _clean_message(message)
    allowed = set(suggestable_offers(need.pole).filter(pk__in=[o.pk for o in offers]).values_list("pk", flat=True))
    created: list[Partnership] = []
    existing: list[Partnership] = []
    for offer in offers:
        if offer.pk not in allowed:
            raise ValidationError(_("L’offre « %(title)s » n’est plus disponible.") % {"title": offer.title})
        partnership, is_new = _propose_one(need=need, offer=offer, by=by, by_partner=False, message=message)
        (created if is_new else existing).append(partnership)
    return created, existing


def partnership_propose_for_offer(
    *, offer: Offer, needs, by, message: str = ""
) -> tuple[list[Partnership], list[Partnership]]:
    """The offer's owner proposes its help to one or several needs of projects."""
    message = _clean_message(message)
    allowed = set(suggestable_needs(offer.pole).filter(pk__in=[n.pk for n in needs]).values_list("pk", flat=True))
    created: list[Partnership] = []
    existing: list[Partnership] = []
    for need in needs:
        if need.pk not in allowed or not need.project_id:
            raise ValidationError(_("Le besoin « %(title)s » n’est plus ouvert.") % {"title": need.title})
        partnership, is_new = _propose_one(need=need, offer=offer, by=by, by_partner=True, message=message)
        (created if is_new else existing).append(partnership)
    return created, existing


def partnership_move(
    *, partnership: Partnership, to_status: str, by, reason: str = "", author_name: str = ""
) -> Partnership:
    """Change the status (accept, decline, start, complete, end) and keep the history.
    `by` is None when a structure without account answers through the e-mail's signed
    link; `author_name` is then the name it gave."""
    reason = _clean_message(reason)
    if to_status not in Status.values:
        raise ValidationError(_("Statut inconnu."), code="unknown_status")
    if to_status in NEEDS_REASON and not reason:
        raise ValidationError(
            _("Indiquez le motif : il est obligatoire pour « %(status)s ».") % {"status": Status(to_status).label},
            code="reason_required",
        )
    with transaction.atomic():
        # Lock the row so two people answering at once cannot both pass the check.
        current = Partnership.objects.select_for_update().only("status").get(pk=partnership.pk).status
        if to_status not in MOVES.get(current, set()):
            raise ValidationError(
                _("Un partenariat ne peut pas passer de « %(from)s » à « %(to)s ».")
                % {"from": Status(current).label, "to": Status(to_status).label},
                code="forbidden_move",
            )
        PartnershipEvent.objects.create(
            partnership=partnership,
            author=by,
            author_name=author_name,
            from_status=current,
            to_status=to_status,
            message=reason,
        )
        Partnership.objects.filter(pk=partnership.pk).update(status=to_status, status_reason=reason)
        partnership.status, partnership.status_reason = to_status, reason
        if current == Status.PROPOSED:
            _tell_answered(partnership, by=by)
    return partnership


def partnership_accept(*, partnership: Partnership, by) -> Partnership:
    return partnership_move(partnership=partnership, to_status=Status.ACCEPTED, by=by)


def partnership_decline(*, partnership: Partnership, by, reason: str) -> Partnership:
    return partnership_move(partnership=partnership, to_status=Status.DECLINED, by=by, reason=reason)


def _tell_answered(partnership: Partnership, *, by) -> None:
    project = partnership.project
    recipients = [person for person in (partnership.proposed_by, project.holder) if person is not None]
    accepted = partnership.status == Status.ACCEPTED
    text = (
        _("Partenariat accepté : %(partner)s et le projet « %(project)s ».")
        if accepted
        else _("Partenariat décliné : %(partner)s et le projet « %(project)s ».")
    )
    notify(
        recipients=[person for person in recipients if by is None or person.pk != by.pk],
        kind="partnerships.accepted" if accepted else "partnerships.declined",
        text=text % {"partner": partnership.partner_name, "project": project.title},
        url=partnership.get_absolute_url(),
        pole=partnership.pole,
        email_template="partnerships/email/answered",
        context={"partnership": partnership, "project": project, "accepted": accepted, "by": by},
    )


def partnership_message(*, partnership: Partnership, by, message: str) -> PartnershipEvent:
    """A short message in the partnership's exchange."""
    message = _clean_message(message)
    if not message:
        raise ValidationError(_("Écrivez votre message."), code="required")
    with transaction.atomic():
        event = PartnershipEvent.objects.create(partnership=partnership, author=by, message=message)
        Partnership.objects.filter(pk=partnership.pk).update(updated_at=event.created_at)
        from .reach import tell_structure_of_message

        tell_structure_of_message(partnership, event)
    return event


# --- Pooling


def pooling_open_project(*, pole: Pole, by, needs: list[Need]) -> Project:
    """Open a collective project, held by the coordinator, from similar needs of several
    projects or structures; the needs are linked to it (Need.pooled_into)."""
    from peps.projects.services import project_submit

    from .pooling import owner_key, pooling_opportunities

    needs = [need for need in needs if need.pole_id == pole.pk and need.is_open and need.pooled_into_id is None]
    if len({owner_key(need) for need in needs}) < 2:
        raise ValidationError(
            _("Il faut au moins deux projets ou structures différents pour ouvrir un projet collectif."),
            code="too_few",
        )
    groups = pooling_opportunities(needs)
    words = groups[0].words if groups else []
    category = Category(needs[0].category).label
    title = _("Projet collectif : %(category)s") % {"category": category}
    if words:
        title += f" ({', '.join(words[:3])})"
    lines = [
        _("Besoins semblables exprimés par %(n)d projets ou structures du pôle :")
        % {"n": len({owner_key(need) for need in needs})},
        "",
    ]
    for need in needs:
        owner = need.owner_name
        lines.append(f"- {need.title} — {owner}")
    with transaction.atomic():
        project = project_submit(
            pole=pole,
            by=by,
            title=title[:160],
            summary=(_("Mutualiser : %(titles)s") % {"titles": " ; ".join(n.title for n in needs)})[:300],
            description="\n".join(lines),
            domain=Domain.OTHER,
            economic_model=EconomicModel.MIXED,
            visibility=ProjectVisibility.MEMBERS,
        )
        Need.objects.filter(pk__in=[need.pk for need in needs]).update(pooled_into=project)
    return project
