"""Reminders: the coordination of late poles gets one e-mail per campaign, when the closing
date is near; poles that submitted are left alone."""

import datetime

from django.core import mail
from django.core.management import call_command

from peps.assessment import services
from peps.assessment.models import Reminder
from peps.core.testing import factories as f

from . import factories as af


def test_late_poles_are_reminded_once_when_the_closing_date_is_near(
    pole, other_pole, coordinator, outsider, version, django_capture_on_commit_callbacks
):
    campaign = af.campaign([pole, other_pole], version=version, closes_on=datetime.date(2025, 3, 28), reminder_days=7)
    af.answer(campaign, other_pole, af.full_levels(version))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.campaigns_remind(today=datetime.date(2025, 3, 10)) == []
        sent = services.campaigns_remind(today=datetime.date(2025, 3, 22))
        again = services.campaigns_remind(today=datetime.date(2025, 3, 23))
    assert [reminder.pole for reminder in sent] == [pole]
    assert again == []
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [coordinator.email]
    assert "Campagne test" in mail.outbox[0].subject
    assert f"/p/{pole.slug}/autoevaluation/{campaign.pk}/" in mail.outbox[0].body


def test_the_command_reminds_late_poles(pole, version, coordinator):
    today = datetime.date.today()
    af.campaign(
        [pole],
        version=version,
        opens_on=today - datetime.timedelta(days=30),
        closes_on=today + datetime.timedelta(days=2),
    )
    quiet = f.PoleFactory(name="Pôle sans campagne")
    call_command("assessment_remind")
    assert Reminder.objects.filter(pole=pole).count() == 1
    assert not Reminder.objects.filter(pole=quiet).exists()
