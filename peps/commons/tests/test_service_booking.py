"""booking_create: who may book, maximum length, approval, and the refusal of a taken slot
with the next free slots of the same length."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from peps.commons import services
from peps.commons.models import BookingStatus, WhoMayBook
from peps.commons.tests.factories import BookingFactory, ResourceFactory
from peps.commons.timeslots import at_local
from peps.core.testing import factories as f
from peps.directory.models import Representative, RepresentativeStatus

pytestmark = pytest.mark.django_db
H = datetime.timedelta(hours=1)


def thursday_evening(weeks_ahead: int = 1) -> tuple[datetime.datetime, datetime.datetime]:
    today = timezone.localdate()
    thursday = today + datetime.timedelta(days=(3 - today.weekday()) % 7 + 7 * weeks_ahead)
    return at_local(thursday, datetime.time(18)), at_local(thursday, datetime.time(20))


def test_member_books_a_free_room_and_gets_a_confirmation(room, member, django_capture_on_commit_callbacks):
    start, end = thursday_evening()
    with django_capture_on_commit_callbacks(execute=True):
        booking = services.booking_create(resource=room, by=member, starts_at=start, ends_at=end)
    assert booking.status == BookingStatus.CONFIRMED
    assert booking.starts_at == start and booking.starts_at.utcoffset() is not None
    assert len(mail.outbox) == 1 and "confirmée" in mail.outbox[0].subject


def test_second_member_on_the_same_slot_is_offered_the_next_free_slots(room, member, pole):
    start, end = thursday_evening()
    services.booking_create(resource=room, by=member, starts_at=start, ends_at=end)
    other = f.member_of(pole, email="second@example.org")
    with pytest.raises(services.SlotTaken) as taken:
        services.booking_create(resource=room, by=other, starts_at=start + H, ends_at=end + H)
    assert "déjà réservée" in taken.value.messages[0]
    slots = taken.value.free_slots
    assert len(slots) == 3
    assert all(s.ends_at - s.starts_at == 2 * H for s in slots)
    assert slots[0].starts_at == end  # 20:00–22:00, within opening hours
    assert timezone.localtime(slots[1].starts_at).time() == datetime.time(8)


def test_outsider_cannot_book_a_members_only_resource(room, outsider):
    start, end = thursday_evening()
    with pytest.raises(PermissionDenied):
        services.booking_create(resource=room, by=outsider, starts_at=start, ends_at=end)


def test_partner_structure_representative_may_book_when_the_rules_allow(pole, citizen):
    structure = f.StructureFactory(pole=pole)
    Representative.objects.create(structure=structure, person=citizen, status=RepresentativeStatus.APPROVED)
    start, end = thursday_evening()
    members_only = ResourceFactory(pole=pole, who_may_book=WhoMayBook.MEMBERS)
    with pytest.raises(PermissionDenied):
        services.booking_create(resource=members_only, by=citizen, starts_at=start, ends_at=end)
    partners = ResourceFactory(pole=pole, who_may_book=WhoMayBook.PARTNERS)
    booking = services.booking_create(resource=partners, by=citizen, starts_at=start, ends_at=end, structure=structure)
    assert booking.structure == structure


def test_anyone_signed_in_may_book_when_the_rules_say_so(pole, citizen):
    resource = ResourceFactory(pole=pole, who_may_book=WhoMayBook.SIGNED_IN)
    start, end = thursday_evening()
    assert services.booking_create(resource=resource, by=citizen, starts_at=start, ends_at=end).pk


def test_booking_for_a_structure_one_does_not_represent_is_refused(room, member, pole):
    start, end = thursday_evening()
    with pytest.raises(PermissionDenied):
        services.booking_create(
            resource=room, by=member, starts_at=start, ends_at=end, structure=f.StructureFactory(pole=pole)
        )


def test_withdrawn_resource_cannot_be_booked(room, member):
    room.is_active = False
    room.save()
    start, end = thursday_evening()
    with pytest.raises(PermissionDenied):
        services.booking_create(resource=room, by=member, starts_at=start, ends_at=end)


def test_longer_than_the_maximum_is_refused(van, member):
    start, _ = thursday_evening()
    with pytest.raises(ValidationError, match="72 heure"):
        services.booking_create(resource=van, by=member, starts_at=start, ends_at=start + 73 * H)


def test_end_before_start_is_refused(room, member):
    start, end = thursday_evening()
    with pytest.raises(ValidationError, match="après le début"):
        services.booking_create(resource=room, by=member, starts_at=end, ends_at=start)


def test_a_period_in_the_past_is_refused(room, member):
    start = timezone.now() - datetime.timedelta(days=2)
    with pytest.raises(ValidationError, match="passée"):
        services.booking_create(resource=room, by=member, starts_at=start, ends_at=start + H)


def test_resource_needing_approval_gives_a_request_and_tells_the_coordinators(
    van, member, coordinator, django_capture_on_commit_callbacks
):
    start, _ = thursday_evening()
    with django_capture_on_commit_callbacks(execute=True):
        booking = services.booking_create(resource=van, by=member, starts_at=start, ends_at=start + 5 * H)
    assert booking.status == BookingStatus.REQUESTED
    assert booking.is_loan
    recipients = {address for message in mail.outbox for address in message.to}
    assert recipients == {member.email, coordinator.email}


def test_coordinator_own_booking_needs_no_approval(van, coordinator):
    start, _ = thursday_evening()
    booking = services.booking_create(resource=van, by=coordinator, starts_at=start, ends_at=start + 5 * H)
    assert booking.status == BookingStatus.CONFIRMED


def test_approve_and_refuse_e_mail_the_booker(van, member, coordinator, pole, django_capture_on_commit_callbacks):
    first = BookingFactory(resource=van, booked_by=member, status=BookingStatus.REQUESTED)
    second = BookingFactory(
        resource=van,
        booked_by=member,
        status=BookingStatus.REQUESTED,
        starts_at=first.ends_at,
        ends_at=first.ends_at + H,
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.booking_approve(booking=first, by=coordinator)
        services.booking_refuse(booking=second, by=coordinator, note="Déjà prévue pour la collecte")
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (BookingStatus.CONFIRMED, BookingStatus.REFUSED)
    assert second.decided_by == coordinator
    assert [m.subject.split(" :")[0] for m in mail.outbox] == ["Réservation validée", "Réservation refusée"]
    assert "Déjà prévue" in mail.outbox[1].body
    with pytest.raises(ValidationError):
        services.booking_approve(booking=first, by=coordinator)


def test_member_cannot_approve(van, member):
    booking = BookingFactory(resource=van, booked_by=member, status=BookingStatus.REQUESTED)
    with pytest.raises(PermissionDenied):
        services.booking_approve(booking=booking, by=member)


def test_cancelling_frees_the_slot_and_a_coordinator_cancel_is_e_mailed(
    room, member, coordinator, django_capture_on_commit_callbacks
):
    start, end = thursday_evening()
    booking = services.booking_create(resource=room, by=member, starts_at=start, ends_at=end)
    with django_capture_on_commit_callbacks(execute=True):
        services.booking_cancel(booking=booking, by=coordinator, note="Travaux")
    assert booking.status == BookingStatus.CANCELLED
    assert "annulée" in mail.outbox[-1].subject
    assert services.booking_create(resource=room, by=coordinator, starts_at=start, ends_at=end).pk


def test_someone_else_cannot_cancel_a_booking(room, member, pole):
    booking = BookingFactory(resource=room, booked_by=member)
    with pytest.raises(PermissionDenied):
        services.booking_cancel(booking=booking, by=f.member_of(pole, email="autre@example.org"))
