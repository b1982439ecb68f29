"""Demo of annual reports: a draft report of POLLENS for the last full calendar year, with an
introduction and highlights, its figures computed (no PDF: a coordinator generates it)."""

import datetime

from django.utils import timezone

from peps.poles.models import Membership, Pole, Role

from . import services
from .forms import default_title, last_calendar_year
from .models import Report

INTRODUCTION = """L’année écoulée a été celle de la consolidation du pôle : de nouvelles structures
ont rejoint l’association, les temps d’échange entre porteurs de projets se sont installés
et la Bourse aux projets a réuni ressources et idées du territoire.

Ce bilan rassemble les chiffres tirés de la plateforme : chaque chiffre renvoie à la liste
qui le compose, pour que chacun puisse le vérifier."""

HIGHLIGHTS = """- Les *Rencontres solidaires en Roannais* ont réuni les acteurs de l’ESS du territoire.
- La commission actions a proposé au conseil l’étude de faisabilité de la ressourcerie.
- L’espace ressources a été prêté aux réseaux d’accompagnement pour leurs permanences."""


def seed_reports_demo(pole: Pole, *, today: datetime.date | None = None) -> Report:
    """Create (once) the draft report of the last full year for `pole`."""
    start, end = last_calendar_year(today or timezone.localdate())
    existing = Report.objects.filter(pole=pole, start=start, end=end).first()
    if existing is not None:
        return existing
    coordinator = (
        Membership.objects.filter(pole=pole, role__in=[Role.COORDINATOR, Role.ADMIN], person__isnull=False)
        .select_related("person")
        .order_by("role", "pk")
        .first()
    )
    return services.report_create(
        pole=pole,
        by=coordinator.person if coordinator else None,
        title=default_title(start, end),
        start=start,
        end=end,
        introduction=INTRODUCTION,
        highlights=HIGHLIGHTS,
    )
