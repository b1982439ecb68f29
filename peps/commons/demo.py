"""Demo data of the shared resources for POLLENS: the resource space of DOMAIN.md (a library,
audiovisual and office equipment, the exchange room, a van), the permanences held there
(a member structure's every Thursday, the URSCOP's on the first Tuesday of the month) and a
few bookings. Called by the demo seed (peps.demo)."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from peps.directory.models import LegalForm, Representative, RepresentativeStatus, Structure
from peps.poles.models import Membership, MembershipStatus, Pole, Role
from peps.territory.models import Commune

from . import permanences, services
from .models import Booking, BookingStatus, EquipmentCategory, Resource, ResourceKind, WeekOfMonth, WhoMayBook
from .timeslots import at_local

LOCATION = "Espace ressources POLLENS, Roanne"

# ISBNs carry valid check digits (the catalogue refuses others); the books are demo data.
BOOKS = [
    ("Comprendre l’économie sociale et solidaire", "Jean-François Draperi", "Dunod", "9782100710744"),
    (
        "Les pôles territoriaux de coopération économique",
        "Collectif du Labo de l’ESS",
        "Le Labo de l’ESS",
        "9782912560155",
    ),
    ("Monter son projet en coopérative", "Anne Guérin", "La Découverte", "9782707188427"),
    ("Circuits courts et territoires", "Marie Delorme", "Éditions Charles Léopold Mayer", "9782843772030"),
    ("Guide de l’insertion par l’activité économique", "Paul Mercier", "Territorial éditions", "9782355220012"),
]


@dataclass
class CommonsDemo:
    resources: int
    bookings: int
    permanence_sessions: int


def _people(pole: Pole):
    memberships = Membership.objects.filter(pole=pole, status=MembershipStatus.ACTIVE, person__isnull=False)
    coordinator = memberships.filter(role__in=(Role.COORDINATOR, Role.ADMIN)).select_related("person").first()
    members = [m.person for m in memberships.filter(role=Role.MEMBER).select_related("person").order_by("pk")[:4]]
    return (coordinator.person if coordinator else None), members


def seed_commons_demo(pole: Pole, *, now: datetime.datetime | None = None) -> CommonsDemo:
    """Create the catalogue and its bookings; needs a coordinator among the pole's members.
    Future bookings go through the services (so the rules hold); past ones are history rows."""
    now = now or timezone.now()
    coordinator, members = _people(pole)
    if coordinator is None:
        raise ValueError("seed_commons_demo needs a coordinator in the pole")
    borrowers = members or [coordinator]
    with transaction.atomic():
        resources = _catalogue(pole, coordinator)
        room, projector, sound, printer, van = (
            resources["room"],
            resources["projector"],
            resources["sound"],
            resources["printer"],
            resources["van"],
        )
        books = resources["books"]
        today = timezone.localtime(now).date()
        bookings = 0
        # History for the statistics: the last three months.
        history = []
        for week in range(1, 13):
            day = today - datetime.timedelta(weeks=week)
            person = borrowers[week % len(borrowers)]
            history.append((room, person, at_local(day, datetime.time(9)), at_local(day, datetime.time(12)), False))
            if week % 3 == 0:
                history.append(
                    (projector, person, at_local(day, datetime.time(14)), at_local(day, datetime.time(18)), True)
                )
            if week % 4 == 0:
                start = at_local(day - datetime.timedelta(days=2), datetime.time(10))
                history.append((books[week % len(books)], person, start, start + datetime.timedelta(days=14), True))
        Booking.objects.bulk_create(
            [
                Booking(
                    pole=pole,
                    resource=resource,
                    booked_by=person,
                    starts_at=start,
                    ends_at=end,
                    is_loan=is_loan,
                    status=BookingStatus.RETURNED if is_loan else BookingStatus.CONFIRMED,
                    returned_at=end if is_loan else None,
                    returned_to=coordinator if is_loan else None,
                    purpose="Réunion d’équipe" if not is_loan else "",
                )
                for resource, person, start, end, is_loan in history
            ]
        )
        bookings += len(history)
        # An overdue loan, for the coordinator's page and the reminders.
        late_start = at_local(today - datetime.timedelta(days=20), datetime.time(10))
        Booking.objects.create(
            pole=pole,
            resource=books[0],
            booked_by=borrowers[0],
            starts_at=late_start,
            ends_at=late_start + datetime.timedelta(days=14),
            is_loan=True,
            status=BookingStatus.CONFIRMED,
        )
        bookings += 1
        # Upcoming bookings, through the services.
        next_monday = today + datetime.timedelta(days=7 - today.weekday())
        upcoming = [
            (
                room,
                borrowers[0],
                next_monday,
                datetime.time(9, 30),
                datetime.time(12),
                "Temps d’échange entre porteurs de projet",
            ),
            (
                sound,
                borrowers[-1],
                next_monday + datetime.timedelta(days=4),
                datetime.time(17),
                datetime.time(23),
                "Fête de quartier",
            ),
            (
                projector,
                borrowers[0],
                next_monday + datetime.timedelta(days=1),
                datetime.time(14),
                datetime.time(17),
                "Atelier",
            ),
        ]
        for resource, person, day, start, end, purpose in upcoming:
            services.booking_create(
                resource=resource,
                by=person,
                starts_at=at_local(day, start),
                ends_at=at_local(day, end),
                purpose=purpose,
            )
            bookings += 1
        # The van needs approval: one request waits for the coordinator.
        van_day = next_monday + datetime.timedelta(days=2)
        services.booking_create(
            resource=van,
            by=borrowers[-1],
            starts_at=at_local(van_day, datetime.time(8)),
            ends_at=at_local(van_day, datetime.time(18)),
            purpose="Collecte de meubles pour la recyclerie",
        )
        bookings += 1
        services.booking_create(
            resource=printer,
            by=borrowers[0],
            starts_at=at_local(next_monday, datetime.time(14)),
            ends_at=at_local(next_monday + datetime.timedelta(days=2), datetime.time(14)),
        )
        bookings += 1
        sessions = _permanence(pole, room, coordinator, next_monday)
    return CommonsDemo(resources=len(books) + 5, bookings=bookings + sessions, permanence_sessions=sessions)


def _catalogue(pole: Pole, coordinator) -> dict:
    def make(**fields) -> Resource:
        resource = Resource(pole=pole, location=fields.pop("location", LOCATION), **fields)
        return services.resource_save(resource=resource, by=coordinator)

    books = [
        make(
            kind=ResourceKind.BOOK,
            name=title,
            author=author,
            publisher=publisher,
            isbn=isbn,
            who_may_book=WhoMayBook.SIGNED_IN,
            max_duration_hours=21 * 24,
            description="Ouvrage de la bibliothèque de l’espace ressources, prêté trois semaines.",
        )
        for title, author, publisher, isbn in BOOKS
    ]
    return {
        "books": books,
        "room": make(
            kind=ResourceKind.ROOM,
            name="Salle d’échange",
            capacity=20,
            is_accessible=True,
            accessibility_notes="De plain-pied, toilettes adaptées, boucle magnétique.",
            who_may_book=WhoMayBook.PARTNERS,
            max_duration_hours=10,
            description="La salle de l’espace ressources pour les réunions, ateliers et permanences des structures.",
        ),
        "projector": make(
            kind=ResourceKind.EQUIPMENT,
            equipment_category=EquipmentCategory.AUDIOVISUAL,
            name="Vidéoprojecteur",
            max_duration_hours=72,
            deposit_note="Chèque de caution de 300 € (non encaissé).",
            description="Vidéoprojecteur HDMI avec écran sur pied et rallonge.",
        ),
        "sound": make(
            kind=ResourceKind.EQUIPMENT,
            equipment_category=EquipmentCategory.AUDIOVISUAL,
            name="Sonorisation portable",
            max_duration_hours=72,
            deposit_note="Chèque de caution de 400 € (non encaissé).",
            description="Deux enceintes, table de mixage, deux micros sans fil.",
        ),
        "printer": make(
            kind=ResourceKind.EQUIPMENT,
            equipment_category=EquipmentCategory.OFFICE,
            name="Imprimante multifonction A3",
            who_may_book=WhoMayBook.PARTNERS,
            max_duration_hours=72,
            location="Bureau partagé, espace ressources POLLENS",
            description="Impression, copie et numérisation, couleur, jusqu’au format A3.",
        ),
        "van": make(
            kind=ResourceKind.EQUIPMENT,
            equipment_category=EquipmentCategory.VEHICLE,
            name="Camionnette utilitaire",
            requires_approval=True,
            max_duration_hours=48,
            deposit_note="Permis B depuis deux ans ; caution de 800 € ; rendu avec le plein.",
            location="Parking de l’espace ressources, Roanne",
            description="Utilitaire de 9 m³ pour les déménagements, collectes et marchés des membres.",
        ),
    }


def _permanence(pole: Pole, room: Resource, coordinator, next_monday: datetime.date) -> int:
    """Two permanences of the resource space: a member structure's welcome desk every
    Thursday 14:00–17:00 for three months, and the URSCOP (the regional union of SCOP and
    SCIC) on the first Tuesday of each month, 14:00–17:00, for a year. Returns the number of
    booked dates of the weekly one."""
    representative = (
        Representative.objects.filter(
            structure__pole=pole, structure__is_active=True, status=RepresentativeStatus.APPROVED
        )
        .select_related("structure", "person")
        .order_by("pk")
        .first()
    )
    by, structure = (representative.person, representative.structure) if representative else (coordinator, None)
    first_thursday = next_monday + datetime.timedelta(days=3)
    weekly = permanences.permanence_create(
        resource=room,
        by=by,
        title=f"Permanence d’accueil — {structure.name}" if structure else "Permanence d’accueil",
        description="Un premier conseil pour les porteurs de projet : statuts, financement, réseaux d’appui.",
        weekday=3,
        week_of_month=WeekOfMonth.EVERY,
        start_time=datetime.time(14),
        end_time=datetime.time(17),
        first_date=first_thursday,
        until=first_thursday + datetime.timedelta(days=91),
        slot_minutes=30,
        structure=structure,
        skip_conflicts=True,
    )
    urscop, _created = Structure.objects.get_or_create(
        pole=pole,
        slug="urscop-aura",
        defaults={
            "name": "Union régionale des SCOP et SCIC Auvergne-Rhône-Alpes (URSCOP)",
            "legal_form": LegalForm.RESEAU,
            "summary": "Accompagne la création, la reprise et la transformation d’entreprises en coopérative.",
            # Its permanence is held in Roanne, where the pole's resource space is.
            "commune": Commune.objects.filter(code="42187").first(),
        },
    )
    if _created:
        urscop.refresh_search_text()
        urscop.save(update_fields=["search_text"])
    permanences.permanence_create(
        resource=room,
        by=coordinator,
        title="Permanence de l’URSCOP",
        description="Créer, reprendre ou transformer une entreprise en SCOP ou en SCIC : un conseiller de "
        "l’URSCOP vous reçoit sur rendez-vous.",
        weekday=1,
        week_of_month=WeekOfMonth.FIRST,
        start_time=datetime.time(14),
        end_time=datetime.time(17),
        first_date=next_monday,
        until=next_monday + datetime.timedelta(days=365),
        slot_minutes=45,
        structure=urscop,
        skip_conflicts=True,
    )
    return weekly.series.occurrences.count()


def seed_busy_week(resource: Resource, *, bookings: int = 100, today: datetime.date | None = None) -> int:
    """Fill the resource's current week with one-hour bookings, back to back from 7:00 (for the
    benchmark's busy calendar); returns how many were made."""
    today = today or timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    coordinator, members = _people(resource.pole)
    people = members or [coordinator]
    slots = [(day, hour) for day in range(7) for hour in range(7, 22)][:bookings]
    Booking.objects.bulk_create(
        Booking(
            pole=resource.pole,
            resource=resource,
            booked_by=people[n % len(people)],
            starts_at=at_local(monday + datetime.timedelta(days=day), datetime.time(hour)),
            ends_at=at_local(monday + datetime.timedelta(days=day), datetime.time(hour + 1)),
            status=BookingStatus.CONFIRMED,
            purpose="Permanence",
        )
        for n, (day, hour) in enumerate(slots)
    )
    return len(slots)
