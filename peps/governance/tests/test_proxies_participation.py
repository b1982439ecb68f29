"""Proxies where the body's rules allow them (board included), the holder picked with a
search field, participation while a vote is open, open commissions, the charter network's
plenary, and the unpaid fee's sentence."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from peps.core.testing import factories as f
from peps.governance import commissions, services
from peps.governance.eligibility import eligible_holders, participation_so_far, standing
from peps.governance.models import BodyKind, BodyMember
from peps.notifications.models import Notification
from peps.poles.models import PoleLegalForm

from . import factories as gf


@pytest.fixture
def board_with_proxies(board):
    board.allows_proxies = True
    board.max_proxies_per_person = 1
    board.save()
    return board


def test_a_board_member_gives_a_proxy_to_another_board_member(pole, board_with_proxies):
    alice, bruno = f.member_of(pole, display_name="Alice"), f.member_of(pole, display_name="Bruno")
    gf.seat(board_with_proxies, alice)
    gf.seat(board_with_proxies, bruno)
    services.proxy_give(body=board_with_proxies, by=alice, holder=bruno)
    motion = gf.motion(pole, body_=board_with_proxies)
    assert [v.key for v in standing(motion=motion, user=bruno).voters] == [f"p{bruno.pk}", f"p{alice.pk}"]
    alice_standing = standing(motion=motion, user=alice)
    assert alice_standing.voters == [] and "donné pouvoir" in alice_standing.reasons[0]
    services.vote_cast(motion=motion, by=bruno, voter_key=f"p{alice.pk}", choice="yes")
    assert participation_so_far(motion)["voted"] == 1


def test_only_a_seat_holder_may_hold_a_board_proxy(pole, board_with_proxies):
    alice, outsider_member = f.member_of(pole), f.member_of(pole)
    gf.seat(board_with_proxies, alice)
    with pytest.raises(ValidationError, match="ne siège pas"):
        services.proxy_give(body=board_with_proxies, by=alice, holder=outsider_member)
    with pytest.raises(ValidationError, match="membre de l’instance"):
        services.proxy_give(body=board_with_proxies, by=outsider_member, holder=alice)


def test_a_board_without_proxies_in_its_rules_refuses_them(pole, board):
    alice, bruno = f.member_of(pole), f.member_of(pole)
    gf.seat(board, alice)
    gf.seat(board, bruno)
    with pytest.raises(ValidationError, match="n’admettent pas"):
        services.proxy_give(body=board, by=alice, holder=bruno)


def test_the_holder_search_lists_only_eligible_people_matching_the_name(client, pole, general_meeting):
    giver = gf.paid_member(pole, display_name="Gaëlle Giver")
    gf.paid_member(pole, display_name="Marion Dupuis")
    gf.paid_member(pole, display_name="Marius Dubois", paid=False)
    f.member_of(f.PoleFactory(), display_name="Martin Ailleurs")
    client.force_login(giver)
    url = reverse("governance:proxy_holder_search", kwargs={"pole": pole.slug, "pk": general_meeting.pk})
    page = client.get(url, {"q": "mar"}, HTTP_HX_REQUEST="true").content.decode()
    assert "Marion Dupuis" in page and "Marius" not in page and "Martin" not in page
    assert "<select" not in page
    assert "Personne ne correspond" in client.get(url, {"q": "zzz"}).content.decode()


def test_giving_a_proxy_from_the_page_with_the_chosen_holder(client, pole, general_meeting):
    giver, holder = gf.paid_member(pole), gf.paid_member(pole, display_name="Hélène")
    client.force_login(giver)
    page = client.get(general_meeting.get_absolute_url())
    assert 'name="holder"' not in page.content.decode() or "holder-results" in page.content.decode()
    response = client.post(
        reverse("governance:proxy_give", kwargs={"pole": pole.slug, "pk": general_meeting.pk}), {"holder": holder.pk}
    )
    assert response.status_code == 302
    assert eligible_holders(body=general_meeting).filter(pk=holder.pk).exists()
    refused = client.post(
        reverse("governance:proxy_give", kwargs={"pole": pole.slug, "pk": general_meeting.pk}),
        {"holder": f.UserFactory().pk},
    )
    assert refused.status_code == 400 and "ne peut pas recevoir de pouvoir" in refused.content.decode()


def test_participation_so_far_never_shows_the_partial_result(client, pole, general_meeting):
    voters = [gf.paid_member(pole) for _ in range(4)]
    motion = gf.motion(pole, body_=general_meeting, secret=True, quorum_kind="count", quorum_value=2)
    services.vote_cast(motion=motion, by=voters[0], voter_key=f"p{voters[0].pk}", choice="yes")
    progress = participation_so_far(motion)
    assert progress == {
        "voted": 1,
        "eligible": 4,
        "percent": 25,
        "quorum_required": 2,
        "quorum_reached": False,
        "quorum_missing": 1,
    }
    client.force_login(voters[1])
    page = client.get(motion.get_absolute_url()).content.decode()
    assert "1 votants sur 4 inscrits" in page or "1 votant" in page
    assert "il en manque 1" in page and "Pour" not in page.split("Participation jusqu’ici")[1].split("</section>")[0]


def test_an_unpaid_member_reads_a_correct_sentence_and_a_way_forward(client, pole, general_meeting):
    year = timezone.localdate().year
    unpaid = gf.paid_member(pole, paid=False)
    motion = gf.motion(pole, body_=general_meeting)
    voter_standing = standing(motion=motion, user=unpaid)
    assert voter_standing.unpaid
    assert voter_standing.reasons[0].startswith(f"Votre cotisation {year} n’est pas réglée")
    client.force_login(unpaid)
    page = client.get(motion.get_absolute_url()).content.decode()
    assert reverse("poles:my_fee", kwargs={"pole": pole.slug}) in page


def test_a_member_joins_an_open_commission(client, pole, commission, coordinator):
    member = f.member_of(pole, display_name="Mona")
    client.force_login(member)
    page = client.get(commission.get_absolute_url()).content.decode()
    assert "Rejoindre la commission" in page
    client.post(reverse("governance:commission_join", kwargs={"pole": pole.slug, "pk": commission.pk}))
    assert BodyMember.objects.filter(body=commission, person=member, mandate="volunteer").exists()
    assert Notification.objects.filter(recipient=coordinator, kind="governance.commission_joined").exists()
    assert "Vous faites partie de cette commission" in client.get(commission.get_absolute_url()).content.decode()
    with pytest.raises(ValidationError, match="déjà"):
        commissions.commission_join(body=commission, by=member)


def test_an_outside_structure_asks_to_take_part(client, pole, coordinator, django_capture_on_commit_callbacks):
    open_commission = gf.body(pole, BodyKind.COMMISSION, name="Commission communication", visibility="public")
    url = reverse("governance:commission_request", kwargs={"pole": pole.slug, "pk": open_commission.pk})
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"name": "Inès", "structure": "Régie de quartier", "email": "ines@regie.example", "message": "Bonjour"}
        )
    assert response.status_code == 302
    assert Notification.objects.filter(recipient=coordinator, kind="governance.commission_request").exists()
    assert any("Régie de quartier" in m.subject for m in mail.outbox)
    closed = gf.body(pole, BodyKind.COMMISSION, name="Commission fermée", visibility="public", open_to_join=False)
    assert (
        client.get(reverse("governance:commission_request", kwargs={"pole": pole.slug, "pk": closed.pk})).status_code
        == 404
    )


def test_a_charter_network_plenary_counts_every_active_member_without_fee(pole):
    pole.legal_form = PoleLegalForm.CHARTER
    pole.save()
    plenary = services.body_create(pole=pole, kind=BodyKind.PLENARY, name="Assemblée plénière", allows_proxies=True)
    people = [f.member_of(pole) for _ in range(3)]
    motion = gf.motion(pole, body_=plenary)
    assert participation_so_far(motion)["eligible"] == 3
    assert [v.key for v in standing(motion=motion, user=people[0]).voters] == [f"p{people[0].pk}"]
    services.proxy_give(body=plenary, by=people[1], holder=people[2])
    assert len(standing(motion=motion, user=people[2]).voters) == 2
    with pytest.raises(ValidationError, match="plénière"):
        services.body_member_add(body=plenary, by=people[0], person=people[0])


def test_the_charter_network_home_says_adherer_a_la_charte_and_no_seats(client, pole):
    pole.legal_form = PoleLegalForm.CHARTER
    pole.charter = "Nous partageons la volonté de transmettre les patrimoines."
    pole.save()
    f.CollegeFactory(pole=pole, name="Musées", board_seats=0)
    page = client.get(reverse("poles:home", kwargs={"pole": pole.slug})).content.decode()
    assert "Adhérer à la charte" in page and "siège" not in page and "assemblée plénière" in page


def test_the_proxies_section_is_shown_once_and_the_title_is_the_body_name(client, pole, general_meeting):
    """The section used to be rendered twice, once inside <title>."""
    giver = gf.paid_member(pole)
    client.force_login(giver)
    page = client.get(general_meeting.get_absolute_url()).content.decode()
    title = page.split("<title>", 1)[1].split("</title>", 1)[0]
    assert general_meeting.name in title and "<section" not in title and "Donner pouvoir" not in title
    assert page.count('id="proxies-title"') == 1 and page.count('id="holder-search"') == 1


def test_proxies_given_and_held_are_read_with_the_names_in_few_queries_and_shown_on_the_body_page(
    client, pole, board_with_proxies, django_assert_num_queries, django_assert_max_num_queries
):
    from peps.governance.selectors import proxies_of

    alice, bruno, chloe = (f.member_of(pole, display_name=name) for name in ("Alice", "Bruno", "Chloé"))
    for person in (alice, bruno, chloe):
        gf.seat(board_with_proxies, person)
    with django_assert_num_queries(1):  # nobody's proxy: the names are not read
        assert proxies_of(body=board_with_proxies, user=alice) == {"given": [], "held": []}
    board_with_proxies.max_proxies_per_person = 2
    board_with_proxies.save()
    services.proxy_give(body=board_with_proxies, by=alice, holder=bruno)
    services.proxy_give(body=board_with_proxies, by=chloe, holder=alice)
    with django_assert_max_num_queries(4):  # the proxies, then the people and structures named
        proxies = proxies_of(body=board_with_proxies, user=alice)
        given = [(proxy.holder.public_name, proxy.giver_structure) for proxy in proxies["given"]]
        held = [proxy.giver.public_name for proxy in proxies["held"]]
    assert (given, held) == ([("Bruno", None)], ["Chloé"])
    client.force_login(alice)
    page = client.get(board_with_proxies.get_absolute_url()).content.decode()
    assert "Retirer le pouvoir donné à Bruno" in page
    assert "<li>Chloé</li>" in page
