"""Queue e-mails after the current transaction commits, so a request never waits on SMTP
and a rolled-back change never sends anything."""

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from peps.core.tasks import send_email_task


def email_after_commit(*, to: list[str], template: str, context: dict, language: str = "fr") -> None:
    """Render `<template>_subject.txt` and `<template>_body.txt` and queue the e-mail."""
    recipients = [address for address in to if address]
    if not recipients:
        return
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}_body.txt", context)
    transaction.on_commit(lambda: send_email_task.enqueue(to=recipients, subject=subject, body=body))
