"""Seeded contacts for the POLLENS demo, in line with its first review (DOMAIN.md):
47 structures and 150 people contacted in the first six months, then follow-ups. Deterministic
for a given `now`; a second call leaves an already seeded log alone."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from peps.core.text import fold
from peps.directory.models import LegalForm, Structure
from peps.poles.models import Membership, MembershipStatus, Pole, Role
from peps.territory.selectors import communes_in_units

from .models import Channel, Contact

STRUCTURES_TARGET = 47
PEOPLE_FIRST_HALF = 150

# Structures met but not (yet) in the directory: the pole adds them as it meets them.
PROSPECTS = [
    ("Jardins partagés de Mably", LegalForm.ASSOCIATION, "Mably"),
    ("Repair café du Coteau", LegalForm.ASSOCIATION, "Le Coteau"),
    ("Coopérative d’activités Roannais Entreprendre", LegalForm.SCOP, "Roanne"),
    ("Épicerie solidaire de Riorges", LegalForm.ASSOCIATION, "Riorges"),
    ("Mission locale du Roannais", LegalForm.AUTRE, "Roanne"),
    ("Atelier vélo de Charlieu", LegalForm.ASSOCIATION, "Charlieu"),
    ("Lycée agricole de Chervé", LegalForm.ENSEIGNEMENT, "Perreux"),
    ("Ressourcerie des Monts de la Madeleine", LegalForm.ASSOCIATION, "Saint-Haon-le-Châtel"),
    ("Habitat et partage Loire Nord", LegalForm.ASSOCIATION, "Roanne"),
    ("Compagnie théâtrale La Navette", LegalForm.ASSOCIATION, "Roanne"),
]

FIRST_NAMES = [
    "Amélie", "Bruno", "Camille", "Denis", "Élise", "Farid", "Gaëlle", "Hugo", "Inès", "Jacques",
    "Karima", "Louis", "Maëlle", "Nicolas", "Odile", "Pascal", "Quentin", "Rachida", "Sophie", "Thierry",
]  # fmt: skip
LAST_NAMES = [
    "Bernard", "Chaize", "Desbenoit", "Ferrand", "Giraud", "Jacquet", "Lafay", "Mathelin", "Noailly",
    "Perrin", "Rivollier", "Thivend", "Verchère", "Berthelier", "Dumoulin", "Gouttefangeas", "Montet",
    "Pralus", "Villard", "Ducreux",
]  # fmt: skip
TOPICS = [
    "Présentation du pôle et de ses missions",
    "Adhésion au pôle",
    "Projet de ressourcerie du Roannais",
    "Mutualisation d’un local à Roanne",
    "Préparation des Rencontres solidaires en Roannais",
    "Bourse aux projets : présentation d’un projet",
    "Groupement d’employeurs associatif",
    "Circuits courts alimentaires",
    "Certificat de gestion à la vie associative",
    "Atelier de coworking",
    "Orientation vers un réseau d’accompagnement",
    "Achats groupés de fournitures",
]
FOLLOW_UPS = [
    "Envoyer la plaquette du pôle",
    "Proposer une rencontre avec la commission actions",
    "Transmettre le bulletin d’adhésion",
    "Mettre en relation avec la couveuse d’activités",
    "Inviter à la prochaine bourse aux projets",
]
# One in twenty: meeting ×8, phone ×5, event ×4, e-mail ×2, other ×1.
CHANNEL_CYCLE = (
    [Channel.MEETING] * 8 + [Channel.PHONE] * 5 + [Channel.EVENT] * 4 + [Channel.EMAIL] * 2 + [Channel.OTHER]
)


@dataclass
class ActivityDemo:
    contacts: int
    structures: int
    people: int
    created: bool


def person_names(count: int) -> list[str]:
    """`count` distinct fictional names (first name × family name, strided)."""
    names = []
    for index in range(count):
        first = FIRST_NAMES[index % len(FIRST_NAMES)]
        last = LAST_NAMES[(index * 7 + index // len(FIRST_NAMES)) % len(LAST_NAMES)]
        names.append(f"{first} {last}")
    assert len(set(names)) == count, "the name lists are too short for this many people"
    return names


def _staff(pole: Pole):
    membership = (
        Membership.objects.filter(
            pole=pole, status=MembershipStatus.ACTIVE, person__isnull=False, role__in=[Role.COORDINATOR, Role.ADMIN]
        )
        .select_related("person")
        .order_by("role", "pk")
        .first()
    )
    return membership.person if membership else None


def _commune(communes, name: str, index: int):
    """The named commune when it is in the pole's territory, else one of the territory's."""
    if not communes:
        return None
    return next((c for c in communes if c.name == name), communes[index % len(communes)])


def _structures(pole: Pole, by) -> list[Structure]:
    """47 structures of the pole: the directory's, then prospects added to it when short
    (each in a commune of the pole's territory, as the directory's own are)."""
    structures = list(Structure.objects.filter(pole=pole, is_active=True).order_by("pk")[:STRUCTURES_TARGET])
    missing = PROSPECTS[: max(0, STRUCTURES_TARGET - len(structures))]
    communes = list(communes_in_units(pole.territory_units.all()).order_by("code")[:500]) if missing else []
    for index, (name, legal_form, commune_name) in enumerate(missing):
        structure, _created = Structure.objects.get_or_create(
            pole=pole,
            slug=slugify(name)[:70],
            defaults={
                "name": name,
                "legal_form": legal_form,
                "commune": _commune(communes, commune_name, index),
                "summary": "Structure rencontrée par la coordination, pas encore membre du pôle.",
                "description": "*Structure fictive, créée pour la démonstration de la plateforme.*",
                "created_by": by,
            },
        )
        structure.refresh_search_text()
        Structure.objects.filter(pk=structure.pk).update(search_text=structure.search_text)
        structures.append(structure)
    return structures


def seed_activity_demo(pole: Pole, *, now: datetime.datetime | None = None) -> ActivityDemo:
    """The pole's contact log since the first of January of last year, so that the annual
    report of the last complete year has a year of activity. First six months: one contact per
    person, 150 people, the first contact of each of the 47 structures; then follow-ups."""
    existing = Contact.objects.filter(pole=pole)
    if existing.exists():
        return ActivityDemo(
            contacts=existing.count(),
            structures=existing.exclude(structure=None).values("structure").distinct().count(),
            people=0,
            created=False,
        )
    today = timezone.localdate(now or timezone.now())
    start = datetime.date(today.year - 1, 1, 1)
    follow_up_days = max((today - start).days - 182, 60)
    by = _staff(pole)
    users = list(
        Membership.objects.filter(pole=pole, status=MembershipStatus.ACTIVE, person__isnull=False)
        .exclude(role__in=[Role.COORDINATOR, Role.ADMIN])
        .select_related("person")
        .order_by("pk")[:20]
    )
    users = [m.person for m in users]
    with transaction.atomic():
        structures = _structures(pole, by)
        names = person_names(PEOPLE_FIRST_HALF - len(users) + 20)
        first_half_people = [(user, "") for user in users] + [
            (None, n) for n in names[: PEOPLE_FIRST_HALF - len(users)]
        ]
        contacts = []
        # First six months: every person once; structures in turn, so each is met early.
        for index, (user, name) in enumerate(first_half_people):
            # Every sixth person is a citizen met at an event, without a structure.
            with_structure = index < len(structures) or index % 6 != 5
            structure = structures[index % len(structures)] if with_structure else None
            follow = index % 4 == 0
            date = start + datetime.timedelta(days=index * 181 // len(first_half_people))
            contacts.append(
                Contact(
                    pole=pole,
                    recorded_by=by,
                    date=date,
                    structure=structure,
                    person=user,
                    person_name=name,
                    person_key=fold(name),
                    channel=CHANNEL_CYCLE[index % len(CHANNEL_CYCLE)] if structure else Channel.EVENT,
                    topic=TOPICS[index % len(TOPICS)],
                    notes="Premier échange ; intérêt pour les actions du pôle." if index % 3 == 0 else "",
                    follow_up=FOLLOW_UPS[index % len(FOLLOW_UPS)] if follow else "",
                    follow_up_on=date + datetime.timedelta(days=21) if follow else None,
                    done=follow,
                )
            )
        # Then, up to today: 60 follow-up contacts with the same structures, 20 new people.
        new_names = names[PEOPLE_FIRST_HALF - len(users) :]
        for index in range(60):
            date = start + datetime.timedelta(days=182 + index * follow_up_days // 60)
            if index % 3 == 2:
                user, name = None, new_names[index // 3]
            else:
                user, name = first_half_people[(index * 11) % len(first_half_people)]
            follow = index % 3 == 0
            # The latest follow-ups are still open; a few of them are past their date.
            done = follow and index < 45
            contacts.append(
                Contact(
                    pole=pole,
                    recorded_by=by,
                    date=date,
                    structure=structures[(index * 7) % len(structures)],
                    person=user,
                    person_name=name,
                    person_key=fold(name),
                    channel=CHANNEL_CYCLE[(index * 3) % len(CHANNEL_CYCLE)],
                    topic=TOPICS[(index + 5) % len(TOPICS)],
                    follow_up=FOLLOW_UPS[index % len(FOLLOW_UPS)] if follow else "",
                    follow_up_on=min(date + datetime.timedelta(days=14), today + datetime.timedelta(days=30))
                    if follow
                    else None,
                    done=done,
                )
            )
        Contact.objects.bulk_create(contacts)
    return ActivityDemo(
        contacts=len(contacts),
        structures=len(structures),
        people=len(first_half_people) + 20,
        created=True,
    )
