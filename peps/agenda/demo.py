"""Demo agenda of POLLENS: Rencontres solidaires, a seminar, a temps d’échange between project
holders, a past Bourse aux projets (with its contributions in the projects' support logs)
and an upcoming one. Built from the pole's existing people and projects; sends no e-mail."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from peps.commons.models import Resource
from peps.demo.calendar import last_on, next_on
from peps.poles.models import Membership, MembershipStatus, Pole, Role
from peps.projects.models import Project, ProjectVisibility
from peps.territory.models import Commune

from . import bourse
from .models import (
    Attendance,
    Audience,
    BourseSession,
    ContributionKind,
    Event,
    EventKind,
    PlaceKind,
    PresentationSlot,
    Registration,
    RegistrationStatus,
    ResourcePerson,
)

RENCONTRES_TITLE = "Rencontres solidaires en Roannais"
ROANNE_CODE = "42187"

PAST_BOURSE_ADVICE = [
    # (project index, resource person index, kind, text)
    (
        0,
        0,
        ContributionKind.ADVICE,
        "Chiffrer le coût d’un poste en insertion avec l’aide au poste avant de fixer les prix des menus.",
    ),
    (
        0,
        1,
        ContributionKind.HELP_OFFER,
        "Mise en relation avec deux restaurants scolaires pour des débouchés en semaine.",
    ),
    (
        1,
        0,
        ContributionKind.ADVICE,
        "Tester la tournée sur trois villages pendant deux mois avant d’acheter le camion.",
    ),
    (1, 1, ContributionKind.HELP_OFFER, "Prêt de la camionnette de l’association un jour par semaine pendant le test."),
    (
        2,
        0,
        ContributionKind.ADVICE,
        "Déposer le dossier de prêt d’honneur avant l’été : le comité se réunit en septembre.",
    ),
    (2, 1, ContributionKind.ADVICE, "S’appuyer sur le réseau des ressourceries pour la formation des valoristes."),
]


@dataclass
class AgendaDemoReport:
    events: int
    registrations: int
    contributions: int


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _people(pole: Pole):
    memberships = (
        Membership.objects.filter(pole=pole, status=MembershipStatus.ACTIVE, person__isnull=False)
        .select_related("person")
        .order_by("pk")
    )
    coordinator = next((m.person for m in memberships if m.role in (Role.COORDINATOR, Role.ADMIN)), None)
    others = [m.person for m in memberships if m.person != coordinator]
    return coordinator, others


def _place(pole: Pole) -> dict:
    room = Resource.objects.filter(pole=pole, kind="room", is_active=True).order_by("pk").first()
    if room is not None:
        return {"place_kind": PlaceKind.ROOM, "room": room}
    commune = Commune.objects.filter(code=ROANNE_CODE).first() or Commune.objects.order_by("code").first()
    if commune is not None:
        return {"place_kind": PlaceKind.ADDRESS, "address": "Centre de ressources POLLENS", "commune": commune}
    return {"place_kind": PlaceKind.ONLINE, "online_url": "https://visio.example.org/pollens"}


def _register(event: Event, people, *, waiting_after: int | None = None, attended: bool = False) -> int:
    registrations = []
    people = list(dict.fromkeys(people))  # one registration per person
    for position, person in enumerate(people, start=1):
        waiting = waiting_after is not None and position > waiting_after
        registrations.append(
            Registration(
                event=event,
                person=person,
                status=RegistrationStatus.WAITING if waiting else RegistrationStatus.CONFIRMED,
                position=position,
                attendance=(Attendance.PRESENT if position % 5 else Attendance.ABSENT) if attended else "",
            )
        )
    Registration.objects.bulk_create(registrations)
    Event.objects.filter(pk=event.pk).update(queue_counter=len(registrations))
    return len(registrations)


def seed_agenda_demo(pole: Pole, *, now: datetime.datetime | None = None) -> AgendaDemoReport:
    """Fill the pole's agenda once (nothing happens if the Rencontres are already there)."""
    if Event.objects.filter(pole=pole, title=RENCONTRES_TITLE).exists():
        return AgendaDemoReport(events=0, registrations=0, contributions=0)
    today = timezone.localdate(now or timezone.now())
    coordinator, others = _people(pole)
    place = _place(pole)
    projects = list(
        Project.objects.filter(pole=pole, visibility=ProjectVisibility.PUBLIC)
        .select_related("holder")
        .order_by("pk")[:5]
    )
    holders = [p.holder for p in projects if p.holder_id]
    resource_people = [p for p in others if p not in holders][:2]
    audience = [p for p in others if p not in resource_people]
    registrations = contributions = 0

    def event(title, kind, day, start, end, **extra) -> Event:
        values = {
            "pole": pole,
            "title": title,
            "kind": kind,
            "starts_at": _at(day, *start),
            "ends_at": _at(day, *end),
            "created_by": coordinator,
            **place,
            **extra,
        }
        return Event.objects.create(**values)

    with transaction.atomic():
        rencontres = event(
            RENCONTRES_TITLE,
            EventKind.RENCONTRES,
            today + datetime.timedelta(days=24),
            (9, 0),
            (17, 0),
            capacity=120,
            description=(
                "Une journée pour se rencontrer entre structures de l’économie sociale et solidaire du Roannais, "
                "élus, habitantes et habitants : tables rondes le matin, **forum des initiatives** l’après-midi."
            ),
        )
        registrations += _register(rencontres, audience[:25])
        seminar = event(
            "Séminaire « Coopérer et mutualiser entre structures de l’ESS »",
            EventKind.SEMINAR,
            today + datetime.timedelta(days=38),
            (14, 0),
            (17, 30),
            capacity=40,
            description="Retours d’expériences de mutualisation (locaux, emplois partagés, achats groupés) et ateliers.",
        )
        registrations += _register(seminar, audience[5:20])
        exchange = event(
            "Temps d’échange entre porteurs et porteuses de projets",
            EventKind.EXCHANGE,
            today + datetime.timedelta(days=10),
            (18, 0),
            (20, 0),
            capacity=12,
            description=(
                "Objectifs, difficultés, questions : on fait le point ensemble et on cherche collectivement "
                "des solutions et des ressources."
            ),
        )
        registrations += _register(exchange, list(dict.fromkeys([*holders, *audience]))[:14], waiting_after=12)

        past = event(
            "Bourse aux projets de printemps",
            EventKind.BOURSE,
            last_on(today, 4, 16),  # the last spring's, whatever the day of the seed
            (18, 0),
            (21, 0),
            capacity=50,
            registration_open=False,
            description="Trois porteurs de projets présentent leur avancement ; des personnes ressources les conseillent.",
        )
        past_session = BourseSession.objects.create(
            event=past,
            outcome=(
                "Trois projets présentés, six contributions : deux offres d’aide concrètes (débouchés, prêt de "
                "véhicule) et des conseils sur le financement et le test d’activité."
            ),
        )
        presenting = projects[:3]
        for index, project in enumerate(presenting):
            PresentationSlot.objects.create(
                session=past_session,
                project=project,
                starts_at=past.starts_at + datetime.timedelta(minutes=15 + 45 * index),
                duration_minutes=40,
                position=index + 1,
            )
        for person in resource_people:
            ResourcePerson.objects.create(session=past_session, person=person, invited_by=coordinator)
        registrations += _register(past, [*holders[:3], *resource_people, *audience[:15]], attended=True)
        if len(resource_people) == 2:
            for project_index, person_index, kind, text in PAST_BOURSE_ADVICE:
                if project_index < len(presenting):
                    bourse.contribution_add(
                        session=past_session,
                        project=presenting[project_index],
                        by=coordinator,
                        kind=kind,
                        text=text,
                        given_by=resource_people[person_index],
                    )
                    contributions += 1

        upcoming = event(
            "Bourse aux projets d’automne",
            EventKind.BOURSE,
            next_on(today, 10, 15),  # the next autumn's
            (18, 0),
            (21, 0),
            capacity=50,
            audience=Audience.PUBLIC,
            description="Vous portez un projet ? Venez le présenter. Vous avez des compétences ? Venez conseiller.",
        )
        upcoming_session = BourseSession.objects.create(event=upcoming)
        for index, project in enumerate(projects[3:5]):
            PresentationSlot.objects.create(
                session=upcoming_session,
                project=project,
                starts_at=upcoming.starts_at + datetime.timedelta(minutes=15 + 45 * index),
                duration_minutes=40,
                position=index + 1,
            )
        for person in resource_people[:1]:
            ResourcePerson.objects.create(session=upcoming_session, person=person, invited_by=coordinator)
        registrations += _register(upcoming, audience[:8])
    return AgendaDemoReport(events=5, registrations=registrations, contributions=contributions)
