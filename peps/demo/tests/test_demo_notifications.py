"""The demo's project holder finds the stage changes of her project in her notifications:
the seed writes them through the projects' service, in the app only (no e-mail)."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from peps.accounts.models import User
from peps.demo import demo
from peps.notifications.models import Notification
from peps.projects.models import StageChange


@pytest.mark.slow
def test_the_holder_sees_her_projects_stage_changes(roannais, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed", "demo", stdout=StringIO())
    holder = User.objects.get(email=demo.HOLDER_EMAIL)
    project = holder.held_projects.get(title__startswith="Restaurant d’insertion")
    moves = StageChange.objects.filter(project=project).exclude(from_stage="").order_by("at")
    notifications = Notification.objects.filter(recipient=holder, kind="projects.stage_changed").order_by("created_at")
    assert [n.url for n in notifications] == [project.get_absolute_url()] * moves.count() and moves.count() >= 2
    assert [n.created_at for n in notifications] == [m.at for m in moves]
    assert [n.read_at is None for n in notifications] == [False] * (moves.count() - 1) + [True]
    assert not [m for m in mail.outbox if holder.email in m.to]

    client.force_login(holder)
    html = client.get(reverse("notifications:list")).content.decode()
    assert "passe à l’étape" in html and project.title.split(" ")[0] in html
