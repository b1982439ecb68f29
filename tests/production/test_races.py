"""Races over HTTP against several workers: votes while the motion closes, one slot booked by
fifty people at once."""

import datetime
import re
from concurrent.futures import ThreadPoolExecutor

from django.utils import timezone

from peps.core.testing import factories as f

from .conftest import csrf_of, signed_in_session

VOTED = "Votre vote est enregistré"


def _post_form(session, base, page_path, post_path, data):
    page = session.get(f"{base}{page_path}")
    token = csrf_of(page.text)
    return session.post(
        f"{base}{post_path}", data={**data, "csrfmiddlewaretoken": token}, headers={"Referer": f"{base}{page_path}"}
    )


def test_votes_racing_the_close_are_counted_or_refused(base_url, pole):
    from peps.governance.models import Ballot, BodyKind, Motion, Participation
    from peps.governance.tests import factories as gf

    commission = gf.body(pole, BodyKind.COMMISSION, name="Commission des finances")
    manager = f.member_of(pole, role="coordinator")
    voters = []
    for _ in range(33):
        person = f.member_of(pole)
        gf.seat(commission, person)
        voters.append(person)
    motion = gf.motion(pole, body_=commission)
    path = f"/p/{pole.slug}/gouvernance/votes/{motion.pk}/"
    sessions = {person: signed_in_session(base_url, person) for person in [*voters, manager]}
    tokens = {person: csrf_of(session.get(f"{base_url}{path}").text) for person, session in sessions.items()}

    def act(person):
        session = sessions[person]
        headers = {"Referer": f"{base_url}{path}"}
        if person is manager:
            return person, session.post(
                f"{base_url}{path}cloturer/", data={"csrfmiddlewaretoken": tokens[person]}, headers=headers
            )
        data = {"voter": f"p{person.pk}", "choice": "yes", "csrfmiddlewaretoken": tokens[person]}
        return person, session.post(f"{base_url}{path}voter/", data=data, headers=headers)

    order = voters[:16] + [manager] + voters[16:]
    with ThreadPoolExecutor(max_workers=len(order)) as pool:
        answers = list(pool.map(act, order))

    # A refused vote is a 400 page that says why; nothing is a server error.
    statuses = {answer.status_code for _, answer in answers}
    assert statuses <= {200, 400}, statuses
    motion = Motion.objects.get(pk=motion.pk)
    assert motion.status == "closed"
    told_counted = {person.pk for person, answer in answers if person is not manager and VOTED in answer.text}
    participants = set(Participation.objects.filter(motion=motion).values_list("person_id", flat=True))
    assert told_counted == participants
    assert Ballot.objects.filter(motion=motion).count() == len(participants) == motion.participation_count
    assert sum(motion.tally.get(choice, 0) for choice in ("yes", "no", "abstain")) == len(participants)
    # Nobody was told « enregistré » without being counted (the defect), nobody counted untold.


def test_fifty_people_booking_one_slot_at_once_get_one_booking(base_url, pole):
    from peps.commons.models import Booking, Resource

    people = [f.member_of(pole) for _ in range(50)]
    coordinator = f.member_of(pole, role="coordinator")
    room = Resource.objects.create(pole=pole, name="Salle d’échange", kind="room", created_by=coordinator)
    start = timezone.localtime() + datetime.timedelta(days=3)
    start = start.replace(hour=14, minute=0, second=0, microsecond=0)
    data = {
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
    }
    path = f"/p/{pole.slug}/ressources/{room.pk}/reserver/"
    sessions = [signed_in_session(base_url, person) for person in people]
    tokens = [csrf_of(session.get(f"{base_url}{path}").text) for session in sessions]

    def book(index):
        return sessions[index].post(
            f"{base_url}{path}",
            data={**data, "csrfmiddlewaretoken": tokens[index]},
            headers={"Referer": f"{base_url}{path}"},
        )

    with ThreadPoolExecutor(max_workers=50) as pool:
        answers = list(pool.map(book, range(50)))

    assert [a.status_code for a in answers] == [200] * 50
    assert Booking.objects.filter(resource=room).exclude(status="cancelled").count() == 1
    booked = [a for a in answers if re.search(r"C’est réservé|Votre demande est enregistrée", a.text)]
    assert len(booked) == 1
