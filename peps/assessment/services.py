"""Writes of the self-assessment: campaigns (create, edit, open, close, remind) and answers
(save a draft, submit, reopen, publish). Each writes in one transaction with a history row."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from peps.notifications.services import notify_coordination

from . import evidence
from .models import (
    Answer,
    AnswerEvent,
    AnswerEventKind,
    AnswerStatus,
    Campaign,
    CampaignEvent,
    CampaignResults,
    CampaignStatus,
    ItemAnswer,
    Reminder,
)

CAMPAIGN_FIELDS = (
    "title",
    "description",
    "version",
    "opens_on",
    "closes_on",
    "max_most_important",
    "uses_importance_scale",
    "reminder_days",
)


def _site_url() -> str:
    return settings.SITE_URL.rstrip("/")


def _check_dates(opens_on: datetime.date, closes_on: datetime.date) -> None:
    if closes_on < opens_on:
        raise ValidationError(_("La date de clôture doit suivre la date d’ouverture."))


def campaign_create(*, by, title: str, version, opens_on, closes_on, poles=(), **options) -> Campaign:
    """A campaign in preparation; it is opened separately (which freezes its version)."""
    _check_dates(opens_on, closes_on)
    unknown = set(options) - set(CAMPAIGN_FIELDS)
    if unknown:
        raise TypeError(f"Unknown campaign fields: {sorted(unknown)}")
    with transaction.atomic():
        campaign = Campaign.objects.create(
            title=title, version=version, opens_on=opens_on, closes_on=closes_on, created_by=by, **options
        )
        campaign.invited_poles.set(poles)
    return campaign


def campaign_update(*, campaign: Campaign, by, poles=None, **fields) -> Campaign:
    """Edit a campaign. Once open, its referential version and question settings stay as the
    poles saw them; dates, texts and the invited poles may still change (poles already
    answering stay invited)."""
    unknown = set(fields) - set(CAMPAIGN_FIELDS)
    if unknown:
        raise TypeError(f"Unknown campaign fields: {sorted(unknown)}")
    if campaign.status != CampaignStatus.DRAFT:
        locked = {"version", "max_most_important", "uses_importance_scale"}
        changed = [name for name in locked & set(fields) if getattr(campaign, name) != fields[name]]
        if changed:
            raise ValidationError(
                _("La campagne est ouverte : la version du référentiel et les questions ne changent plus.")
            )
    for name, value in fields.items():
        setattr(campaign, name, value)
    _check_dates(campaign.opens_on, campaign.closes_on)
    with transaction.atomic():
        campaign.save()
        if poles is not None:
            answering = set(campaign.answers.values_list("pole_id", flat=True))
            campaign.invited_poles.set({pole.pk for pole in poles} | answering)
    return campaign


def _freeze(version) -> None:
    try:
        from peps.referentials.services import version_freeze
    except ImportError:
        # FALLBACK until peps.referentials.services.version_freeze exists: set frozen_at here.
        if version.frozen_at is None:
            version.frozen_at = timezone.now()
            version.save(update_fields=["frozen_at"])
        return
    version_freeze(version=version)


def _move(campaign: Campaign, *, to_status: str, by) -> None:
    CampaignEvent.objects.create(campaign=campaign, from_status=campaign.status, to_status=to_status, by=by)
    campaign.status = to_status


def campaign_open(*, campaign: Campaign, by) -> Campaign:
    """Open the campaign to the invited poles; its referential version is frozen for good."""
    if campaign.status != CampaignStatus.DRAFT:
        raise ValidationError(_("Seule une campagne en préparation peut être ouverte."))
    if not campaign.invited_poles.exists():
        raise ValidationError(_("Invitez au moins un pôle avant d’ouvrir la campagne."))
    if not campaign.version.items.exists():
        raise ValidationError(_("La version du référentiel choisie n’a aucun indicateur."))
    with transaction.atomic():
        _freeze(campaign.version)
        _move(campaign, to_status=CampaignStatus.OPEN, by=by)
        campaign.opened_at = timezone.now()
        campaign.save(update_fields=["status", "opened_at"])
    return campaign


def campaign_close(*, campaign: Campaign, by) -> Campaign:
    """Close the campaign: drafts stay drafts and are left out of the results."""
    if campaign.status != CampaignStatus.OPEN:
        raise ValidationError(_("Seule une campagne ouverte peut être clôturée."))
    with transaction.atomic():
        _move(campaign, to_status=CampaignStatus.CLOSED, by=by)
        campaign.closed_at = timezone.now()
        campaign.save(update_fields=["status", "closed_at"])
    return campaign


# --- Answers ---------------------------------------------------------------------------


def answer_get_or_start(*, campaign: Campaign, pole) -> Answer:
    """The pole's answer, created as an empty draft on first visit of an open campaign."""
    answer = Answer.objects.filter(campaign=campaign, pole=pole).first()
    if answer is None:
        if not campaign.is_open:
            raise ValidationError(_("La campagne n’est pas ouverte."))
        answer, _created = Answer.objects.get_or_create(campaign=campaign, pole=pole)
    return answer


def _check_editable(answer: Answer) -> None:
    if answer.is_submitted:
        raise ValidationError(
            _("La réponse a été transmise : elle ne peut plus être modifiée sans réouverture par le réseau.")
        )
    if not answer.campaign.is_open:
        raise ValidationError(_("La campagne n’est pas ouverte : la réponse ne peut plus être modifiée."))


def _check_choice_count(campaign: Campaign, chosen: int) -> None:
    if campaign.max_most_important and chosen > campaign.max_most_important:
        raise ValidationError(
            ngettext(
                "Vous avez choisi %(count)d indicateurs « les plus importants » : %(max)d au plus.",
                "Vous avez choisi %(count)d indicateurs « les plus importants » : %(max)d au plus.",
                chosen,
            )
            % {"count": chosen, "max": campaign.max_most_important}
        )


ROW_FIELDS = ("chosen_most_important", "importance", "level", "comment", "evidence")


def answer_save(*, answer: Answer, by, values: dict[int, dict]) -> Answer:
    """Save a draft: `values` maps an indicator's item id to its fields (see ROW_FIELDS).
    Ids that are not indicators of the campaign's version are refused."""
    _check_editable(answer)
    allowed = set(_leaf_ids(answer.campaign))
    if set(values) - allowed:
        raise ValidationError(_("Un indicateur de la réponse n’appartient pas à ce référentiel."))
    for row in values.values():
        if "evidence" in row:
            evidence.check_links(row["evidence"])
    if not answer.campaign.max_most_important:
        values = {pk: {**row, "chosen_most_important": False} for pk, row in values.items()}
    if not answer.campaign.uses_importance_scale:
        values = {pk: {**row, "importance": None} for pk, row in values.items()}
    chosen_elsewhere = answer.items.filter(chosen_most_important=True).exclude(item_id__in=values).count()
    _check_choice_count(
        answer.campaign, chosen_elsewhere + sum(1 for row in values.values() if row.get("chosen_most_important"))
    )
    with transaction.atomic():
        answer = Answer.objects.select_for_update().get(pk=answer.pk)
        _check_editable(answer)
        existing = {row.item_id: row for row in answer.items.all()}
        to_create: list[ItemAnswer] = []
        to_update: list[ItemAnswer] = []
        for item_id, row_values in values.items():
            item_answer = existing.get(item_id) or ItemAnswer(answer=answer, item_id=item_id)
            changed = False
            for name in ROW_FIELDS:
                value = row_values.get(name, getattr(item_answer, name))
                if getattr(item_answer, name) != value:
                    setattr(item_answer, name, value)
                    changed = True
            if item_answer.pk is None:
                to_create.append(item_answer)
            elif changed:
                to_update.append(item_answer)
        ItemAnswer.objects.bulk_create(to_create)
        ItemAnswer.objects.bulk_update(to_update, ROW_FIELDS)
        if to_create or to_update:
            # Autosave writes often: one "saved" row per person and half hour keeps the
            # history readable.
            last = answer.events.order_by("-at", "-pk").first()
            recent = timezone.now() - datetime.timedelta(minutes=30)
            if not (
                last
                and last.kind == AnswerEventKind.SAVED
                and last.by_id == getattr(by, "pk", None)
                and last.at > recent
            ):
                AnswerEvent.objects.create(answer=answer, kind=AnswerEventKind.SAVED, by=by)
            answer.save(update_fields=["updated_at"])
    return answer


def _leaf_ids(campaign: Campaign) -> list[int]:
    from .selectors import version_tree

    return [indicator.pk for indicator in version_tree(campaign.version).indicators]


def answer_missing(answer: Answer) -> list[str]:
    """Why the answer cannot be submitted yet, as French sentences (empty when complete)."""
    campaign = answer.campaign
    from .selectors import version_tree

    indicators = version_tree(campaign.version).indicators
    rows = {row.item_id: row for row in answer.items.all()}
    problems = []
    no_level = [ind.code for ind in indicators if rows.get(ind.pk) is None or rows[ind.pk].level is None]
    if no_level:
        problems.append(
            _("Indiquez le niveau de chaque indicateur ; il manque : %(codes)s.") % {"codes": ", ".join(no_level)}
        )
    if campaign.uses_importance_scale:
        no_importance = [ind.code for ind in indicators if rows.get(ind.pk) is None or rows[ind.pk].importance is None]
        if no_importance:
            problems.append(
                _("Indiquez l’importance de chaque indicateur ; il manque : %(codes)s.")
                % {"codes": ", ".join(no_importance)}
            )
    try:
        _check_choice_count(campaign, sum(1 for row in rows.values() if row.chosen_most_important))
    except ValidationError as error:
        problems.extend(error.messages)
    return problems


def answer_submit(*, answer: Answer, by, values: dict[int, dict] | None = None) -> Answer:
    """Save the last changes, check the answer is complete, and submit it: from then on it
    only changes after a reopening by the network, which is logged."""
    with transaction.atomic():
        if values:
            answer = answer_save(answer=answer, by=by, values=values)
        answer = Answer.objects.select_for_update().select_related("campaign").get(pk=answer.pk)
        _check_editable(answer)
        problems = answer_missing(answer)
        if problems:
            raise ValidationError(problems)
        answer.status = AnswerStatus.SUBMITTED
        answer.submitted_at = timezone.now()
        answer.submitted_by = by
        answer.save(update_fields=["status", "submitted_at", "submitted_by", "updated_at"])
        AnswerEvent.objects.create(answer=answer, kind=AnswerEventKind.SUBMITTED, by=by)
        campaign_results_refresh(campaign=answer.campaign)
    return answer


def answer_reopen(*, answer: Answer, by, reason: str) -> Answer:
    """A network administrator gives a submitted answer back to its pole as a draft; the
    reason is logged and the pole's coordination is told."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Indiquez le motif de la réouverture."))
    with transaction.atomic():
        answer = Answer.objects.select_for_update().select_related("campaign", "pole").get(pk=answer.pk)
        if not answer.is_submitted:
            raise ValidationError(_("Seule une réponse transmise peut être rouverte."))
        if not answer.campaign.is_open:
            raise ValidationError(_("La campagne est clôturée : ses réponses ne peuvent plus être rouvertes."))
        answer.status = AnswerStatus.DRAFT
        answer.save(update_fields=["status", "updated_at"])
        AnswerEvent.objects.create(answer=answer, kind=AnswerEventKind.REOPENED, by=by, note=reason[:500])
        campaign_results_refresh(campaign=answer.campaign)
        notify_coordination(
            pole=answer.pole,
            kind="assessment.reopened",
            url=f"/p/{answer.pole.slug}/autoevaluation/{answer.campaign.pk}/",
            email_template="assessment/email/reopened",
            context={
                "answer": answer,
                "campaign": answer.campaign,
                "pole": answer.pole,
                "reason": reason,
                "site_url": _site_url(),
            },
        )
    return answer


def answer_set_public(*, answer: Answer, by, public: bool) -> Answer:
    """Let everyone read the pole's detailed answer, or make it private again."""
    if answer.public == public:
        return answer
    with transaction.atomic():
        answer.public = public
        answer.save(update_fields=["public", "updated_at"])
        kind = AnswerEventKind.PUBLISHED if public else AnswerEventKind.UNPUBLISHED
        AnswerEvent.objects.create(answer=answer, kind=kind, by=by)
        if answer.is_submitted:
            # The figures are the same, but their stamp names the answer's latest change.
            campaign_results_refresh(campaign=answer.campaign)
    return answer


# --- Stored results ----------------------------------------------------------------------


def campaign_results_store(*, campaign: Campaign, stamp: str, figures: dict) -> None:
    """Keep the figures computed for the answers named by `stamp` (one upsert: two pages
    computing them at once both write the same row)."""
    CampaignResults.objects.bulk_create(
        [CampaignResults(campaign=campaign, stamp=stamp, figures=figures, computed_at=timezone.now())],
        update_conflicts=True,
        unique_fields=["campaign"],
        update_fields=["stamp", "figures", "computed_at"],
    )


def campaign_results_refresh(*, campaign: Campaign) -> None:
    """Compute and store the results after a write that changes which answers count (a
    submission, a reopening), so that the pages find them ready. Pages never show stored
    figures whose stamp is not the answers' current one: this saves them the computing."""
    from .selectors import campaign_results

    campaign_results(campaign)


# --- Reminders --------------------------------------------------------------------------


def campaigns_remind(*, today: datetime.date | None = None) -> list[Reminder]:
    """E-mail the coordination of every invited pole that has not submitted, once per
    campaign, when the closing date is `reminder_days` days away or less."""
    today = today or timezone.localdate()
    sent = []
    for campaign in Campaign.objects.filter(status=CampaignStatus.OPEN, closes_on__gte=today):
        if (campaign.closes_on - today).days > campaign.reminder_days:
            continue
        late = (
            campaign.invited_poles.exclude(
                assessment_answers__campaign=campaign, assessment_answers__status=AnswerStatus.SUBMITTED
            )
            .exclude(pk__in=campaign.reminders.values("pole_id"))
            .order_by("name")
        )
        for pole in late:
            with transaction.atomic():
                # The coordination as each coordinator chose, else the pole's contact address.
                told = notify_coordination(
                    pole=pole,
                    kind="assessment.reminder",
                    url=f"/p/{pole.slug}/autoevaluation/{campaign.pk}/",
                    email_template="assessment/email/reminder",
                    context={
                        "campaign": campaign,
                        "pole": pole,
                        "days": (campaign.closes_on - today).days,
                        "site_url": _site_url(),
                    },
                )
                recipients = len(told) or int(bool(pole.contact_email))
                reminder = Reminder.objects.create(campaign=campaign, pole=pole, recipients=recipients)
            sent.append(reminder)
    return sent
