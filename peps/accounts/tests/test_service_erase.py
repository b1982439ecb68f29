"""Erasing an account: anonymised in place, personal rows deleted or closed, the association's
records and public contributions kept, a trace without personal data."""

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError

from peps.accounts import services
from peps.accounts.erasure import ANONYMOUS_NAME
from peps.accounts.models import ErasureRecord
from peps.agenda.models import CalendarToken, Registration
from peps.deliberation.models import Argument, Reaction
from peps.deliberation.models import Follow as DebateFollow
from peps.directory.models import Representative
from peps.governance.models import Ballot, BodyFollow, Decision, Participation, Proxy
from peps.newsletters import selectors as newsletter_selectors
from peps.newsletters.models import Subscription
from peps.notifications.models import NotificationSettings
from peps.poles.models import Membership, MembershipFee
from peps.projects.models import Comment, Follow, Project, Support

from .life import live_a_year

pytestmark = pytest.mark.django_db


@pytest.fixture
def erased(pole, member, coordinator, django_capture_on_commit_callbacks):
    life = live_a_year(pole, member, coordinator)
    old_email = member.email
    with django_capture_on_commit_callbacks(execute=True):
        record = services.user_erase(user=member, by=member)
    member.refresh_from_db()
    return {"life": life, "record": record, "old_email": old_email, "person": member}


def test_the_account_is_anonymised_in_place(erased):
    person = erased["person"]
    assert person.display_name == ANONYMOUS_NAME == person.public_name
    assert person.email == f"deleted-{person.pk}@invalid"
    assert not person.has_usable_password() and not person.is_active
    assert person.first_name == person.last_name == person.skills == person.bio == person.phone == ""
    assert person.commune is None and person.search_text == ""
    assert not EmailAddress.objects.filter(user=person).exists()


def test_what_only_served_the_person_is_deleted(erased):
    person, life = erased["person"], erased["life"]
    assert not Follow.objects.filter(person=person).exists()
    assert not DebateFollow.objects.filter(person=person).exists()
    assert not BodyFollow.objects.filter(person=person).exists()
    assert not NotificationSettings.objects.filter(person=person).exists()
    assert not CalendarToken.objects.filter(person=person).exists()
    assert not Subscription.objects.filter(user=person).exists()
    assert not Representative.objects.filter(person=person).exists()
    assert newsletter_selectors.recipients_of(life["other_project"].pole) == []
    # The followers counters follow.
    life["other_project"].refresh_from_db()
    life["debate"].refresh_from_db()
    assert life["other_project"].followers_count == 0
    assert life["debate"].followers_count == DebateFollow.objects.filter(debate=life["debate"]).count()


def test_what_is_upcoming_is_cancelled_and_what_is_current_is_closed(erased):
    person, life = erased["person"], erased["life"]
    assert Registration.objects.get(person=person, event=life["future"]).status == "cancelled"
    assert Registration.objects.get(person=person, event=life["past"]).status == "confirmed"
    life["booking"].refresh_from_db()
    assert life["booking"].status == "cancelled" and life["booking"].cancelled_at is not None
    life["seat"].refresh_from_db()
    assert life["seat"].until is not None
    assert Proxy.objects.get(giver=person).revoked_at is not None
    life["offer"].refresh_from_db()
    assert not life["offer"].is_open


def test_the_association_keeps_memberships_and_fees(erased):
    membership = Membership.objects.get(person=erased["person"])
    assert membership.status == "left" and membership.left_on is not None
    assert MembershipFee.objects.filter(membership=membership, year=2025).exists()


def test_public_contributions_are_kept(erased):
    person, life = erased["person"], erased["life"]
    assert Comment.objects.get(pk=life["comment"].pk).author == person
    assert Argument.objects.get(pk=life["argument"].pk).author == person
    assert Project.objects.get(pk=life["own_project"].pk).holder == person
    assert Support.objects.filter(person=person).exists() and Reaction.objects.filter(person=person).exists()
    assert Ballot.objects.filter(person=person, motion=life["open_motion"]).exists()
    assert Participation.objects.filter(person=person).count() == 2
    assert Decision.objects.get(pk=life["decision"].pk).recorded_by == person


def test_the_trace_says_who_and_when_without_personal_data(erased):
    record = erased["record"]
    assert ErasureRecord.objects.get() == record
    assert record.account_id == erased["person"].pk and record.by_self and record.erased_at
    text = str(record.summary)
    assert erased["old_email"] not in text and "Marc" not in text
    assert record.summary["suivis"] == 3 and record.summary["adhesions_closes"] == 1


def test_an_account_cannot_be_erased_twice(erased):
    with pytest.raises(ValidationError):
        services.user_erase(user=erased["person"])


def test_an_administrator_may_erase_on_request(citizen, network_admin):
    record = services.user_erase(user=citizen, by=network_admin)
    assert not record.by_self


def test_newsletter_deliveries_forget_the_address(pole, member, django_capture_on_commit_callbacks):
    from peps.newsletters import services as newsletters

    newsletters.subscription_consent(pole=pole, user=member)
    newsletter = newsletters.newsletter_create(pole=pole, by=None, subject="Nouvelles", body="Texte")
    with django_capture_on_commit_callbacks(execute=True):
        newsletters.newsletter_send(newsletter=newsletter, by=None)
    services.user_erase(user=member)
    assert list(newsletter.deliveries.values_list("address", flat=True)) == [f"deleted-{member.pk}@invalid"]
