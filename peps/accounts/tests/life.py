"""A person with a year of activity in every capability, for the export and erasure tests."""

import datetime

from django.utils import timezone

from peps.agenda.models import CalendarToken, Event, EventKind, Registration
from peps.commons.models import Booking, Resource, ResourceKind
from peps.core.testing import factories as f
from peps.deliberation import services as deliberation
from peps.directory.models import Representative
from peps.governance import services as governance
from peps.governance.models import Body, BodyKind, Proxy
from peps.newsletters import services as newsletters
from peps.notifications.models import NotificationSettings
from peps.partnerships.models import Category, Need, Offer
from peps.poles.models import Membership, MembershipFee
from peps.projects import services as projects


def live_a_year(pole, person, coordinator) -> dict:
    """Everything `person` can leave behind in `pole`; returns the main objects by name."""
    now = timezone.now()
    membership = Membership.objects.get(pole=pole, person=person)
    MembershipFee.objects.create(membership=membership, year=2025, amount=20, paid_on=datetime.date(2025, 3, 1))
    structure = f.StructureFactory(pole=pole, name="La Ressourcerie")
    Representative.objects.create(structure=structure, person=person, status="approved", title="Trésorière")

    own_project = f.ProjectFactory(pole=pole, holder=person, title="Épicerie solidaire", visibility="public")
    other_project = f.ProjectFactory(pole=pole, holder=coordinator, title="Recyclerie", visibility="public")
    comment = projects.comment_add(project=other_project, author=person, text="Je peux aider le samedi.")
    projects.project_follow(project=other_project, person=person)
    projects.project_support(project=other_project, person=person)

    Need.objects.create(
        pole=pole,
        category=Category.SKILLS,
        title="Besoin d’un comptable",
        description="…",
        created_by=person,
        project=own_project,
    )
    offer = Offer.objects.create(
        pole=pole,
        category=Category.SKILLS,
        title="Je prête ma camionnette",
        description="…",
        created_by=person,
        person=person,
    )

    future = Event.objects.create(
        pole=pole,
        title="Rencontres solidaires",
        kind=EventKind.RENCONTRES,
        starts_at=now + datetime.timedelta(days=10),
        ends_at=now + datetime.timedelta(days=10, hours=2),
    )
    past = Event.objects.create(
        pole=pole,
        title="Séminaire d’hiver",
        kind=EventKind.SEMINAR,
        starts_at=now - datetime.timedelta(days=60),
        ends_at=now - datetime.timedelta(days=60, hours=-2),
    )
    Registration.objects.create(event=future, person=person, status="confirmed", position=1)
    Registration.objects.create(event=past, person=person, status="confirmed", position=1)
    CalendarToken.objects.create(person=person, token="secret-calendrier")
    room = Resource.objects.create(pole=pole, kind=ResourceKind.ROOM, name="Salle d’échange")
    booking = Booking.objects.create(
        pole=pole,
        resource=room,
        booked_by=person,
        status="confirmed",
        starts_at=now + datetime.timedelta(days=3),
        ends_at=now + datetime.timedelta(days=3, hours=2),
    )

    debate = deliberation.debate_open(pole=pole, by=coordinator, title="Faut-il une ressourcerie ?")
    argument = deliberation.argument_post(debate=debate, by=person, stance="pro", text="Oui, pour l’emploi local.")
    other_argument = deliberation.argument_post(debate=debate, by=coordinator, stance="con", text="Le coût.")
    deliberation.argument_react(argument=other_argument, person=person)
    deliberation.follow_add(target=debate, person=person)

    board = governance.body_create(pole=pole, kind=BodyKind.COMMISSION, name="Commission actions", visibility="public")
    seat = governance.body_member_add(body=board, by=coordinator, person=person)
    general = Body.objects.create(pole=pole, kind=BodyKind.GENERAL_MEETING, name="Assemblée générale")
    Proxy.objects.create(body=general, giver=person, holder=coordinator, created_by=person)
    governance.body_follow(body=board, person=person)
    opens = now - datetime.timedelta(hours=1)
    open_motion = governance.motion_create(
        pole=pole,
        by=coordinator,
        body=board,
        title="Budget de l’étude",
        text="8 000 €",
        opens_at=opens,
        closes_at=now + datetime.timedelta(days=2),
    )
    governance.vote_cast(motion=open_motion, by=person, voter_key=f"p{person.pk}", choice="yes", reason="Utile")
    secret_motion = governance.motion_create(
        pole=pole,
        by=coordinator,
        body=board,
        title="Élection du bureau",
        text="À bulletin secret",
        opens_at=opens,
        closes_at=now + datetime.timedelta(days=2),
        secret=True,
    )
    governance.vote_cast(motion=secret_motion, by=person, voter_key=f"p{person.pk}", choice="no")
    decision = governance.decision_record(
        pole=pole,
        by=person,
        body=board,
        title="Étude de la ressourcerie",
        text="Adoptée",
        result="Adoptée",
        decided_on=timezone.localdate(),
    )

    NotificationSettings.objects.create(person=person, email_frequency="daily")
    newsletters.subscription_consent(pole=pole, user=person)
    return {
        "comment": comment,
        "own_project": own_project,
        "other_project": other_project,
        "offer": offer,
        "debate": debate,
        "argument": argument,
        "board": board,
        "seat": seat,
        "open_motion": open_motion,
        "secret_motion": secret_motion,
        "decision": decision,
        "booking": booking,
        "future": future,
        "past": past,
    }
