"""Governance of the POLLENS demo: the board elected per college (6 / 3 / 3), a bureau, the
actions, communication and finances commissions, the general meeting, a past board meeting
whose minutes record a decision proposed by the actions commission, and an open vote."""

import datetime

from django.db import transaction
from django.db.models import Case, IntegerField, Value, When
from django.utils import timezone

from peps.demo.calendar import at, last_on
from peps.directory.models import Representative, RepresentativeStatus, Structure
from peps.poles.models import College, Membership, MembershipStatus, Pole, Role

from . import services
from .models import AttendanceStatus, BodyKind, Majority, Method, QuorumKind, SeatRole

MINUTES = """## Présents

{present}

## 1. Proposition de la commission actions : étude de faisabilité de la ressourcerie

La commission actions présente sa proposition : confier une étude de faisabilité à un bureau
d’études de l’ESS pour la future ressourcerie du Roannais (budget : 8 000 €, cofinancé par
la Région). Après échange, la présidente soumet la proposition au vote.

**Décision :** adoptée (voir le registre des décisions).

## 2. Questions diverses

Prochaine réunion du conseil dans deux mois.
"""


def seed_governance_demo(pole: Pole, *, now: datetime.datetime | None = None) -> dict:
    """Create the demo governance of `pole` from its colleges and members; returns the bodies."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    long_ago = today - datetime.timedelta(days=400)
    coordinator = (
        Membership.objects.filter(pole=pole, role__in=[Role.COORDINATOR, Role.ADMIN], person__isnull=False)
        .select_related("person")
        .order_by("role", "pk")
        .first()
    )
    by = coordinator.person if coordinator else None
    with transaction.atomic():
        board = services.body_create(
            pole=pole,
            kind=BodyKind.BOARD,
            name="Conseil d’administration",
            visibility="public",
            description="Le conseil d’administration est élu par l’assemblée générale, collège par collège. "
            "Les statuts admettent un pouvoir par administrateur absent.",
            allows_proxies=True,
            max_proxies_per_person=1,
        )
        board_people = _elect_board(board, by=by, since=long_ago)
        bureau = services.body_create(
            pole=pole,
            kind=BodyKind.BUREAU,
            name="Bureau",
            visibility="members",
            description="Le bureau prépare les réunions du conseil et suit la gestion courante.",
        )
        for person, role in zip(board_people, [SeatRole.CHAIR, SeatRole.TREASURER, SeatRole.SECRETARY], strict=False):
            services.body_member_add(body=bureau, by=by, person=person, role=role, since=long_ago)
        commissions = {}
        others = _non_board_people(pole, board_people)
        outside = Structure.objects.filter(pole=pole).exclude(memberships__pole=pole).order_by("pk")
        for index, (key, name, description) in enumerate(
            [
                ("actions", "Commission actions", "Elle imagine et suit les actions collectives du pôle."),
                ("communication", "Commission communication", "Lettre d’information, site, événements."),
                ("finances", "Commission finances", "Budget, cotisations, dossiers de financement."),
            ]
        ):
            commission = services.body_create(
                pole=pole, kind=BodyKind.COMMISSION, name=name, description=description, visibility="public"
            )
            chair = others[index] if index < len(others) else None
            if chair:
                services.body_member_add(
                    body=commission, by=by, person=chair, role=SeatRole.CHAIR, mandate="volunteer", since=long_ago
                )
            for person in others[3 + index * 2 : 5 + index * 2]:
                services.body_member_add(body=commission, by=by, person=person, mandate="volunteer", since=long_ago)
            # Commissions are open to outside structures, as POLLENS does.
            structure = outside[index] if index < len(outside) else None
            if structure is not None:
                services.body_member_add(
                    body=commission, by=by, structure=structure, mandate="volunteer", since=long_ago
                )
            commissions[key] = commission
        general_meeting = services.body_create(
            pole=pole,
            kind=BodyKind.GENERAL_MEETING,
            name="Assemblée générale",
            visibility="members",
            description="Tous les membres à jour de cotisation y votent ; chacun peut détenir deux pouvoirs.",
        )
        _past_board_meeting(board, commissions["actions"], board_people, by=by, now=now)
        services.motion_create(
            pole=pole,
            by=by,
            body=general_meeting,
            title="Approbation du rapport d’activité",
            text="L’assemblée générale approuve le rapport d’activité présenté par le conseil d’administration.",
            method=Method.YES_NO,
            majority=Majority.SIMPLE,
            quorum_kind=QuorumKind.PERCENT,
            quorum_value=25,
            secret=True,
            # Opened yesterday morning, closes in two weeks at the end of the afternoon.
            opens_at=at(today - datetime.timedelta(days=1), 9),
            closes_at=at(today + datetime.timedelta(days=14), 18),
        )
        # What a member whose fee is unpaid reads on « Ma cotisation ».
        if pole.fee_amount is None:
            pole.fee_amount, pole.fee_how_to_pay = FEE_AMOUNT, FEE_HOW_TO_PAY
            pole.save(update_fields=["fee_amount", "fee_how_to_pay"])
    return {"board": board, "bureau": bureau, "general_meeting": general_meeting, **commissions}


FEE_AMOUNT = 30
FEE_HOW_TO_PAY = (
    "Par virement à POLLENS (IBAN FR76 0000 0000 0000 0000 0000 000, données de démonstration), "
    "par chèque à l’ordre de POLLENS, ou à l’accueil de l’espace ressources."
)

PLENARY_MINUTES = """## Présents

Les musées et partenaires signataires de la charte présents ou représentés.

## 1. Journées européennes du patrimoine

Le réseau propose un parcours commun entre les musées du textile. Chaque musée ouvre une
salle aux ateliers des autres.

**Décision :** adoptée à l’unanimité des présents.

## 2. Adhésions

Deux nouveaux partenaires ont adhéré à la charte : une compagnie de théâtre et un office de tourisme.
"""


def seed_charter_network_demo(pole: Pole, *, now: datetime.datetime | None = None) -> dict:
    """A charter network (the museums network of DOMAIN.md): no board and no colleges'
    seats, but open plenary meetings of all the members — one held, with its minutes, one
    to come — an open plenary vote, one debate and one event."""
    from peps.agenda.models import Event, EventKind, PlaceKind
    from peps.deliberation.services import argument_post, debate_open

    now = now or timezone.now()
    today = timezone.localtime(now).date()
    memberships = Membership.objects.filter(pole=pole, status=MembershipStatus.ACTIVE, person__isnull=False)
    coordinator = memberships.filter(role__in=[Role.COORDINATOR, Role.ADMIN]).select_related("person").first()
    by = coordinator.person if coordinator else None
    members = [m.person for m in memberships.filter(role=Role.MEMBER).select_related("person").order_by("pk")[:3]]
    with transaction.atomic():
        plenary = services.body_create(
            pole=pole,
            kind=BodyKind.PLENARY,
            name="Assemblée plénière du réseau",
            visibility="public",
            description="Tous les musées et partenaires signataires de la charte s’y réunissent et décident "
            "ensemble ; un membre absent peut confier son vote à un autre membre.",
            allows_proxies=True,
            max_proxies_per_person=2,
        )
        past = services.meeting_create(
            body=plenary,
            by=by,
            title="Assemblée plénière de printemps",
            starts_at=at(today - datetime.timedelta(days=75), 18),
            place="Musée de démonstration, Roanne",
        )
        services.meeting_minutes_save(meeting=past, by=by, minutes=PLENARY_MINUTES, publish=True)
        services.meeting_create(
            body=plenary,
            by=by,
            title="Assemblée plénière d’automne",
            starts_at=at(today + datetime.timedelta(days=21), 18),
            place="Écomusée de démonstration, Thizy-les-Bourgs",
        )
        services.motion_create(
            pole=pole,
            by=by,
            body=plenary,
            title="Programme commun des Journées européennes du patrimoine",
            text="L’assemblée plénière adopte le parcours commun « Fils et tissages » pour les prochaines Journées.",
            method=Method.YES_NO,
            majority=Majority.SIMPLE,
            quorum_kind=QuorumKind.PERCENT,
            quorum_value=25,
            secret=False,
            opens_at=at(today - datetime.timedelta(days=1), 9),
            closes_at=at(today + datetime.timedelta(days=20), 18),
        )
        debate = debate_open(
            pole=pole,
            by=by,
            title="Faut-il un billet unique pour les douze musées du réseau ?",
            description="Un billet vendu dans les offices de tourisme ouvrirait tous les musées du bassin de vie. "
            "Quelles conséquences pour les petits musées associatifs ?",
        )
        if members:
            argument_post(
                debate=debate,
                by=members[0],
                stance="pro",
                text="Les visiteurs découvriraient les petits musées en venant pour les grands.",
            )
        commune = (
            Membership.objects.filter(pole=pole, structure__commune__isnull=False)
            .values_list("structure__commune", flat=True)
            .first()
        )
        event = Event.objects.create(
            pole=pole,
            title="Nuit des musées du bassin de vie",
            kind=EventKind.CONFERENCE,
            starts_at=at(today + datetime.timedelta(days=35), 19),
            ends_at=at(today + datetime.timedelta(days=35), 23),
            description="Les musées du réseau ouvrent leurs portes en soirée : visites contées, ateliers, musique.",
            created_by=by,
            **(
                {"place_kind": PlaceKind.ADDRESS, "address": "Dans les musées du réseau", "commune_id": commune}
                if commune
                else {"place_kind": PlaceKind.ONLINE, "online_url": "https://visio.example.org/patrimoines"}
            ),
        )
    return {"plenary": plenary, "debate": debate, "event": event}


def _elect_board(board, *, by, since) -> list:
    """Fill each college's seats with its members, board members first, then structures."""
    people = []
    for college in College.objects.filter(pole=board.pole).order_by("position", "name"):
        candidates = (
            Membership.objects.filter(pole=board.pole, college=college, status=MembershipStatus.ACTIVE)
            .annotate(
                rank=Case(
                    When(role__in=[Role.BOARD, Role.ADMIN], person__isnull=False, then=Value(0)),
                    When(person__isnull=False, then=Value(1)),
                    default=Value(2),
                    output_field=IntegerField(),
                )
            )
            .select_related("person", "structure")
            .order_by("rank", "pk")[: college.board_seats]
        )
        for membership in candidates:
            services.body_member_add(
                body=board,
                by=by,
                person=membership.person,
                structure=membership.structure,
                college=college,
                since=since,
            )
            if membership.person:
                people.append(membership.person)
    if people:
        seat = board.seats.get(person=people[0], until__isnull=True)
        seat.role = SeatRole.CHAIR
        seat.save(update_fields=["role"])
    return people


def _non_board_people(pole, board_people) -> list:
    return [
        m.person
        for m in Membership.objects.filter(
            pole=pole, person__isnull=False, status=MembershipStatus.ACTIVE, role=Role.MEMBER
        )
        .exclude(person__in=board_people)
        .select_related("person")
        .order_by("pk")
    ]


def _past_board_meeting(board, actions, board_people, *, by, now) -> None:
    """The board's back-to-school meeting (late September, in the afternoon): the actions
    commission's proposal, voted and adopted."""
    held = at(last_on(timezone.localdate(now), 9, 24), 14, 30)
    item = services.proposal_send_to_board(
        commission=actions,
        by=by,
        title="Étude de faisabilité de la ressourcerie du Roannais",
        text="La commission actions propose de financer une étude de faisabilité (8 000 €) pour la future ressourcerie.",
    )
    meeting = services.meeting_create(
        body=board, by=by, title="Conseil d’administration de rentrée", starts_at=held, place="Maison de l’ESS, Roanne"
    )
    services.agenda_item_schedule(item=item, meeting=meeting, by=by)
    motion = services.motion_create(
        pole=board.pole,
        by=by,
        body=board,
        meeting=meeting,
        agenda_item=item,
        title=item.title,
        text=item.text,
        method=Method.YES_NO,
        majority=Majority.SIMPLE,
        quorum_kind=QuorumKind.PERCENT,
        quorum_value=50,
        opens_at=held,
        closes_at=held + datetime.timedelta(hours=2),
    )
    seats = list(board.seats.select_related("person", "structure"))
    statuses = {}
    voters = 0
    for index, seat in enumerate(seats):
        present = index % 6 != 5
        statuses[seat.pk] = AttendanceStatus.PRESENT if present else AttendanceStatus.EXCUSED
        if not present:
            continue
        voter = seat.person or _representative(seat.structure)
        if voter is None:
            continue
        key = f"p{seat.person_id}" if seat.person_id else f"s{seat.structure_id}"
        choice = "no" if voters == 3 else "abstain" if voters == 5 else "yes"
        services.vote_cast(
            motion=motion, by=voter, voter_key=key, choice=choice, now=held + datetime.timedelta(minutes=30)
        )
        voters += 1
    services.attendance_save(meeting=meeting, by=by, statuses=statuses)
    services.motion_close(motion=motion, now=held + datetime.timedelta(hours=2))
    present = "\n".join(f"- {seat.holder}" for seat in seats if statuses[seat.pk] == AttendanceStatus.PRESENT)
    services.meeting_minutes_save(meeting=meeting, by=by, minutes=MINUTES.format(present=present), publish=True)


def _representative(structure):
    rep = (
        Representative.objects.filter(structure=structure, status=RepresentativeStatus.APPROVED)
        .select_related("person")
        .first()
    )
    return rep.person if rep else None
