"""Governance pages: access (404 for outsiders on members-only bodies, 403 for members on
managing actions, login for anonymous voters), the vote journey, bad input, query counts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from peps.core.testing import factories as f
from peps.core.typography import french_text
from peps.governance import services
from peps.governance.models import AgendaItem, BodyMember, Decision, Meeting, Motion, Participation
from peps.notifications.models import Notification

from . import factories as gf


def url(name, **kwargs):
    return reverse(f"governance:{name}", kwargs={"pole": "pollens", **kwargs})


def test_index_lists_public_bodies_to_visitors_and_all_to_members(client, member, board, commission):
    names = lambda r: [b.name for b in r.context["bodies"]]  # noqa: E731
    assert names(client.get(url("index"))) == ["Conseil d’administration"]
    client.force_login(member)
    assert set(names(client.get(url("index")))) == {"Conseil d’administration", "Commission actions"}


def test_an_outsider_gets_404_on_a_members_only_body_and_its_meetings_and_votes(client, outsider, pole, commission):
    meeting = Meeting.objects.create(body=commission, title="Réunion", starts_at=timezone.now())
    motion = gf.motion(pole, body_=commission)
    client.force_login(outsider)
    for target in (url("body", pk=commission.pk), url("meeting", pk=meeting.pk), url("motion", pk=motion.pk)):
        assert client.get(target).status_code == 404


def test_another_poles_body_is_404(client, member, other_pole):
    foreign = gf.body(other_pole, name="Ailleurs", visibility="public")
    client.force_login(member)
    assert client.get(url("body", pk=foreign.pk)).status_code == 404
    assert client.get(url("body", pk=999999)).status_code == 404


def test_a_member_gets_403_on_managing_actions(client, member, pole, commission):
    client.force_login(member)
    meeting = Meeting.objects.create(body=commission, title="Réunion", starts_at=timezone.now())
    motion = gf.motion(pole, body_=commission)
    assert client.post(url("seat_add", pk=commission.pk), {"email": member.email}).status_code == 403
    assert client.get(url("meeting_create", pk=commission.pk)).status_code == 403
    assert client.get(url("body_motion_create", pk=commission.pk)).status_code == 403
    assert client.get(url("motion_create")).status_code == 403
    assert client.post(url("minutes_edit", pk=meeting.pk), {"minutes": "x"}).status_code == 403
    assert client.post(url("motion_close", pk=motion.pk)).status_code == 403
    assert client.post(url("proposal_send", pk=commission.pk), {"proposal-title": "x"}).status_code == 403


def test_anonymous_voters_are_sent_to_the_login_page(client, pole, board):
    motion = gf.motion(pole, body_=board)
    response = client.post(url("vote", pk=motion.pk), {"choice": "yes"})
    assert response.status_code == 302 and "/compte/login/" in response["Location"]


def test_an_ineligible_member_gets_an_explanation_page(client, pole, general_meeting):
    unpaid = gf.paid_member(pole, paid=False)
    motion = gf.motion(pole, body_=general_meeting)
    client.force_login(unpaid)
    response = client.post(url("vote", pk=motion.pk), {"choice": "yes"})
    assert response.status_code == 200
    assert "n’est pas réglée" in response.content.decode()
    assert not Participation.objects.exists()


def test_a_member_votes_once_and_sees_why_a_second_vote_is_refused(client, pole, general_meeting):
    voter = gf.paid_member(pole)
    motion = gf.motion(pole, body_=general_meeting)
    client.force_login(voter)
    data = {"voter": f"p{voter.pk}", "choice": "yes"}
    assert client.post(url("vote", pk=motion.pk), data).status_code == 302
    second = client.post(url("vote", pk=motion.pk), {**data, "choice": "no"})
    assert second.status_code == 400
    assert "ne peut plus être modifié" in second.content.decode()
    assert Participation.objects.filter(motion=motion).count() == 1


def test_a_vote_after_the_closing_says_so(client, pole, general_meeting):
    voter = gf.paid_member(pole)
    now = timezone.now()
    motion = gf.motion(
        pole,
        body_=general_meeting,
        opens_at=now - datetime.timedelta(days=2),
        closes_at=now - datetime.timedelta(days=1),
    )
    client.force_login(voter)
    response = client.post(url("vote", pk=motion.pk), {"voter": f"p{voter.pk}", "choice": "yes"})
    assert "clos" in response.content.decode()
    assert not Participation.objects.exists()


def test_bad_vote_input_is_a_form_error_not_a_500(client, pole, general_meeting):
    voter = gf.paid_member(pole)
    motion = gf.motion(pole, body_=general_meeting)
    client.force_login(voter)
    for data in ({"voter": "p999999", "choice": "yes"}, {"voter": f"p{voter.pk}", "choice": "peut-être"}, {}):
        assert client.post(url("vote", pk=motion.pk), data).status_code == 400
    assert not Participation.objects.exists()


def test_the_coordinator_elects_a_board_member_and_sees_seat_errors(client, pole, colleges, board, coordinator):
    person = f.member_of(pole, college=colleges[1])
    client.force_login(coordinator)
    response = client.post(
        url("seat_add", pk=board.pk),
        {"email": person.email, "college": colleges[1].pk, "role": "member", "mandate": "elected"},
    )
    assert response.status_code == 302
    assert BodyMember.objects.filter(body=board, person=person).exists()
    for _ in range(2):
        gf.seat(board, f.member_of(pole, college=colleges[1]), college=colleges[1])
    late = f.member_of(pole, college=colleges[1])
    refused = client.post(
        url("seat_add", pk=board.pk),
        {"email": late.email, "college": colleges[1].pk, "role": "member", "mandate": "elected"},
    )
    assert refused.status_code == 400 and "déjà pourvus" in refused.content.decode()
    unknown = client.post(url("seat_add", pk=board.pk), {"email": "personne@nulle.part", "college": "abc", "role": "x"})
    assert unknown.status_code == 400


def test_a_commission_sends_a_proposal_to_the_board_which_votes_it(client, pole, board, commission, chair, coordinator):
    client.force_login(chair)
    response = client.post(
        url("proposal_send", pk=commission.pk), {"proposal-title": "Étude ressourcerie", "proposal-text": "8 000 €"}
    )
    assert response.status_code == 302
    item = AgendaItem.objects.get(body=board)
    assert item.origin_body == commission and item.meeting is None
    client.force_login(coordinator)
    page = client.get(url("body", pk=board.pk)).content.decode()
    assert french_text("Proposé par : Commission actions") in page
    now = timezone.localtime()
    form = {
        "title": item.title,
        "text": item.text,
        "method": "yes_no",
        "majority": "simple",
        "quorum_kind": "none",
        "opens_at": now.strftime("%Y-%m-%dT%H:%M"),
        "closes_at": (now + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
    }
    response = client.post(url("body_motion_create", pk=board.pk) + f"?point={item.pk}", form)
    motion = Motion.objects.get(agenda_item=item)
    assert response.status_code == 302
    assert french_text("Proposé par : Commission actions") in client.get(url("motion", pk=motion.pk)).content.decode()


def test_a_motion_form_with_bad_dates_keeps_what_was_typed(client, pole, commission, coordinator):
    client.force_login(coordinator)
    form = {
        "title": "Mon titre",
        "text": "x",
        "method": "approval",
        "majority": "simple",
        "quorum_kind": "percent",
        "quorum_value": "150",
        "opens_at": "2026-05-02T10:00",
        "closes_at": "2026-05-01T10:00",
    }
    response = client.post(url("body_motion_create", pk=commission.pk), form)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Mon titre" in page and "après l’ouverture" in page and "deux options" in page
    assert not Motion.objects.exists()


def test_closing_a_vote_publishes_the_result_and_the_decision(client, pole, commission, chair, coordinator):
    motion = gf.motion(pole, body_=commission)
    services.vote_cast(motion=motion, by=chair, voter_key=f"p{chair.pk}", choice="yes")
    client.force_login(coordinator)
    assert client.post(url("motion_close", pk=motion.pk)).status_code == 302
    page = client.get(url("motion", pk=motion.pk)).content.decode()
    assert "Adoptée" in page and Decision.objects.get().number in page


def test_following_a_body_sends_emails_on_new_meetings(
    client, pole, board, member, coordinator, django_capture_on_commit_callbacks, mailoutbox
):
    client.force_login(member)
    assert client.post(url("follow", pk=board.pk)).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_create(body=board, by=coordinator, title="CA de juin", starts_at=timezone.now())
    assert [m.to for m in mailoutbox] == [[member.email]]
    assert "CA de juin" in mailoutbox[0].subject
    assert Notification.objects.filter(recipient=member, kind="governance.meeting").exists()


@pytest.mark.parametrize("name", ["index", "motions", "decisions"])
def test_list_pages_have_bounded_queries(client, pole, member, board, django_assert_max_num_queries, name):
    for i in range(35):
        motion = gf.motion(pole, body_=board, title=f"Motion {i}")
        services.decision_record(
            pole=pole,
            by=None,
            title=f"Décision {i}",
            text="Texte",
            result="Adoptée",
            decided_on=datetime.date(2026, 1, 1),
            body=board,
            motion=motion,
        )
    client.force_login(member)
    with django_assert_max_num_queries(10):
        assert client.get(url(name)).status_code == 200


def test_body_meeting_and_motion_pages_have_bounded_queries(
    client, pole, colleges, board, coordinator, django_assert_max_num_queries
):
    meeting = Meeting.objects.create(body=board, title="CA", starts_at=timezone.now(), minutes="# CR")
    for college in colleges:
        for _ in range(college.board_seats):
            gf.seat(board, f.member_of(pole, college=college), college=college)
    for i in range(30):
        AgendaItem.objects.create(body=board, meeting=meeting, title=f"Point {i}")
        gf.motion(pole, body_=board, meeting=meeting, title=f"Motion {i}")
    motion = Motion.objects.first()
    client.force_login(coordinator)
    for target in (url("body", pk=board.pk), url("meeting", pk=meeting.pk), url("motion", pk=motion.pk)):
        with django_assert_max_num_queries(16):
            assert client.get(target).status_code == 200


def test_a_motion_links_to_its_body_and_meeting_without_a_query_each(
    client, pole, board, coordinator, django_assert_max_num_queries
):
    """The links are built from the motion's pole (loaded with it), not through
    meeting.body.pole and body.pole, which would cost three more queries."""
    meeting = Meeting.objects.create(body=board, title="Conseil de rentrée", starts_at=timezone.now())
    motion = gf.motion(pole, body_=board, meeting=meeting)
    client.force_login(coordinator)
    client.get(motion.get_absolute_url())
    with django_assert_max_num_queries(13):
        html = client.get(motion.get_absolute_url()).content.decode()
    assert f'<a href="{board.get_absolute_url()}">{board.name}</a>' in html
    assert f'<a href="{meeting.get_absolute_url()}">Conseil de rentrée</a>' in html


def test_the_board_page_lists_each_seat_with_its_end_form_for_managers(
    client, pole, colleges, board, coordinator, member
):
    seat = gf.seat(board, member, college=colleges[0])
    client.force_login(coordinator)
    html = client.get(board.get_absolute_url()).content.decode()
    end_url = reverse("governance:seat_end", kwargs={"pole": pole.slug, "pk": board.pk, "seat_pk": seat.pk})
    assert f'action="{end_url}"' in html and 'name="csrfmiddlewaretoken"' in html
    assert f"Mettre fin au mandat de {member.public_name}</button>" in html.replace("\u00a0", " ")
    client.force_login(member)
    html = client.get(board.get_absolute_url()).content.decode()
    assert member.public_name in html and "Mettre fin au mandat" not in html
