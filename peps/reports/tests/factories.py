"""Factories of reports, and `seed_year`: a year of a pole's activity with rows on both
sides of its edges, so that every figure is checked against a direct count."""

import datetime
import itertools
from decimal import Decimal

from django.utils import timezone

from peps.activity.models import Channel, Contact
from peps.agenda.models import Attendance, Event, EventKind, EventStatus, Registration, RegistrationStatus
from peps.commons.models import Booking, BookingStatus, Resource, ResourceKind
from peps.core.testing import factories as f
from peps.core.text import fold
from peps.deliberation.models import Consultation, Proposal, ProposalStatus
from peps.directory.models import LegalForm, Sector
from peps.funding.models import FunderKind, FundingKind, FundingLine
from peps.governance.models import Decision, Motion, MotionStatus, Outcome
from peps.partnerships.models import Partnership, PartnershipStatus
from peps.poles.models import Membership, MembershipFee, MembershipStatus
from peps.projects.models import Domain, EconomicModel, Project, Referral, RequestKind, StageChange, SupportLogEntry
from peps.projects.stages import Stage
from peps.reports.models import Report

YEAR = 2024
_counter = itertools.count()


def report(pole, *, start=datetime.date(YEAR, 1, 1), end=datetime.date(YEAR, 12, 31), **fields) -> Report:
    fields.setdefault("title", f"Bilan d’activité {start.year}")
    return Report.objects.create(pole=pole, start=start, end=end, **fields)


def at(year: int, month: int, day: int, hour: int = 10) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, tzinfo=timezone.get_default_timezone())


def _set_created(model, pk, when, field="created_at"):
    model.objects.filter(pk=pk).update(**{field: when})


def seed_year(pole, *, year: int = YEAR, by=None, scale: int = 1) -> dict:
    """Rows inside `year` and around it; `scale` multiplies them (for the query-count test)."""
    before, after = year - 1, year + 1
    colleges = [f.CollegeFactory(pole=pole, name=f"Collège {n} {next(_counter)}", position=n) for n in range(2)]
    sector, _ = Sector.objects.get_or_create(slug="alimentation", defaults={"name": "Alimentation"})
    for _round in range(scale):
        # Members: in place before the year, joined during it, joined after it, left during it,
        # left after it, pending.
        for joined, left, status, college in [
            (datetime.date(before, 3, 1), None, MembershipStatus.ACTIVE, colleges[0]),
            (datetime.date(year, 2, 10), None, MembershipStatus.ACTIVE, colleges[1]),
            (datetime.date(year, 12, 31), None, MembershipStatus.ACTIVE, None),
            (datetime.date(after, 1, 1), None, MembershipStatus.ACTIVE, colleges[0]),
            (datetime.date(before, 5, 1), datetime.date(year, 6, 1), MembershipStatus.LEFT, colleges[0]),
            (datetime.date(before, 5, 1), datetime.date(after, 2, 1), MembershipStatus.LEFT, colleges[1]),
            (datetime.date(year, 4, 1), None, MembershipStatus.PENDING, colleges[1]),
        ]:
            person = f.UserFactory()
            Membership.objects.create(
                pole=pole, person=person, college=college, status=status, joined_on=joined, left_on=left
            )
        for legal_form, joined, college in [
            (LegalForm.ASSOCIATION, datetime.date(before, 1, 5), colleges[0]),
            (LegalForm.SCOP, datetime.date(year, 9, 9), colleges[0]),
            (LegalForm.SCIC, datetime.date(after, 3, 3), colleges[1]),
        ]:
            structure = f.StructureFactory(pole=pole, legal_form=legal_form)
            structure.sectors.add(sector)
            membership = Membership.objects.create(pole=pole, structure=structure, college=college, joined_on=joined)
            MembershipFee.objects.create(membership=membership, year=year, amount=Decimal("100.00"))
        # Projects and requests.
        holder = f.UserFactory()
        specs = [
            (at(year, 1, 1, 0), Stage.SUBMITTED, Domain.FOOD, EconomicModel.MARKET, RequestKind.INFORMATION),
            (at(year, 3, 5), Stage.STRUCTURING, Domain.RETAIL, EconomicModel.MARKET, ""),
            (at(year, 6, 5), Stage.LAUNCH, Domain.LODGING, EconomicModel.ASSOCIATIVE, RequestKind.FULL_SUPPORT),
            (at(year, 12, 31, 23), Stage.REDIRECTED, Domain.SPORT, EconomicModel.ASSOCIATIVE, RequestKind.RELAY),
            (at(before, 12, 31, 23), Stage.BUSINESS_MODEL, Domain.FOOD, EconomicModel.MIXED, RequestKind.RELAY),
            (at(after, 1, 1, 0), Stage.SUBMITTED, Domain.FOOD, EconomicModel.MARKET, RequestKind.INFORMATION),
        ]
        projects = []
        for created, stage, domain, model, kind in specs:
            project = f.ProjectFactory(
                pole=pole, holder=holder, stage=stage, domain=domain, economic_model=model, request_kind=kind
            )
            _set_created(Project, project.pk, created)
            projects.append(project)
        old = projects[4]
        change = StageChange.objects.create(project=old, from_stage=Stage.STRUCTURING, to_stage=Stage.BUSINESS_MODEL)
        _set_created(StageChange, change.pk, at(year, 4, 4), field="at")
        SupportLogEntry.objects.create(project=old, happened_on=datetime.date(year, 5, 5), text="Rendez-vous")
        SupportLogEntry.objects.create(project=projects[5], happened_on=datetime.date(after, 1, 5), text="Plus tard")
        for on, network in [
            (datetime.date(year, 2, 2), "France Active"),
            (datetime.date(year, 11, 30), "France Active"),
            (datetime.date(year, 12, 31), "URSCOP"),
            (datetime.date(before, 12, 31), "URSCOP"),
        ]:
            Referral.objects.create(project=projects[3], network=network, referred_on=on, by=by)
        # Partnerships: one per status during the year, one before.
        for i, status in enumerate([*PartnershipStatus, PartnershipStatus.ACTIVE]):
            partner = f.StructureFactory(pole=pole)
            partnership = Partnership.objects.create(
                pole=pole, project=projects[i % 4], partner_structure=partner, status=status, proposed_by=by
            )
            _set_created(Partnership, partnership.pk, at(year, 1 + i, 3) if i < 6 else at(before, 7, 7))
        # Events: held, cancelled, outside; registrations with attendance.
        for starts, status, kind in [
            (at(year, 3, 3, 18), EventStatus.SCHEDULED, EventKind.SEMINAR),
            (at(year, 10, 10, 18), EventStatus.SCHEDULED, EventKind.BOURSE),
            (at(year, 11, 11, 18), EventStatus.CANCELLED, EventKind.SEMINAR),
            (at(after, 1, 20, 18), EventStatus.SCHEDULED, EventKind.SEMINAR),
        ]:
            event = Event.objects.create(
                pole=pole,
                title=f"Rencontre {next(_counter)}",
                kind=kind,
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=2),
                status=status,
                address="Roanne",
            )
            for position, (reg_status, attendance) in enumerate(
                [
                    (RegistrationStatus.CONFIRMED, Attendance.PRESENT),
                    (RegistrationStatus.CONFIRMED, Attendance.ABSENT),
                    (RegistrationStatus.CONFIRMED, Attendance.UNKNOWN),
                    (RegistrationStatus.WAITING, Attendance.UNKNOWN),
                ],
                start=1,
            ):
                Registration.objects.create(
                    event=event, person=f.UserFactory(), status=reg_status, position=position, attendance=attendance
                )
        # Shared resources: a room and a book; one booking straddles the end of the year.
        room = Resource.objects.create(pole=pole, kind=ResourceKind.ROOM, name=f"Salle {next(_counter)}")
        book = Resource.objects.create(pole=pole, kind=ResourceKind.BOOK, name=f"Livre {next(_counter)}")
        booker = f.UserFactory()
        structure = f.StructureFactory(pole=pole)
        for resource, starts, hours, status, loan in [
            (room, at(year, 2, 2, 9), 3, BookingStatus.CONFIRMED, False),
            (room, at(year, 2, 3, 9), 2, BookingStatus.CANCELLED, False),
            (room, at(year, 12, 31, 22), 4, BookingStatus.CONFIRMED, False),
            (room, at(before, 5, 5, 9), 2, BookingStatus.CONFIRMED, False),
            (book, at(year, 4, 1, 9), 24 * 14, BookingStatus.RETURNED, True),
            (book, at(year, 6, 1, 9), 24 * 14, BookingStatus.REQUESTED, True),
        ]:
            Booking.objects.create(
                pole=pole,
                resource=resource,
                booked_by=booker,
                structure=structure,
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=hours),
                status=status,
                is_loan=loan,
            )
        # Governance: closed votes, decisions, a consultation with proposals.
        for closes, outcome in [
            (at(year, 5, 5), Outcome.ADOPTED),
            (at(year, 9, 9), Outcome.REJECTED),
            (at(after, 1, 9), Outcome.ADOPTED),
        ]:
            motion = Motion.objects.create(
                pole=pole,
                title="Vote",
                text="Texte",
                opens_at=closes - datetime.timedelta(days=7),
                closes_at=closes,
                status=MotionStatus.CLOSED,
                closed_at=closes,
                outcome=outcome,
            )
            on = timezone.localdate(closes)
            sequence = Decision.objects.filter(pole=pole, year=on.year).count() + 1
            Decision.objects.create(
                pole=pole,
                year=on.year,
                sequence=sequence,
                number=f"{on.year}-{sequence:03d}",
                decided_on=on,
                motion=motion if outcome == Outcome.ADOPTED else None,
                title="Décision",
                text="Texte",
                result="Adoptée",
            )
        consultation = Consultation.objects.create(
            pole=pole,
            title="Consultation",
            description="Vos idées",
            starts_on=datetime.date(year, 3, 1),
            ends_on=datetime.date(year, 4, 1),
        )
        for created, status in [
            (at(year, 3, 2), ProposalStatus.RETAINED),
            (at(year, 3, 3), ProposalStatus.DISCUSSION),
            (at(before, 3, 3), ProposalStatus.DONE),
        ]:
            proposal = Proposal.objects.create(consultation=consultation, title="Idée", body="Une idée", status=status)
            _set_created(Proposal, proposal.pk, created)
        # Contacts of the activity log and funding lines.
        contacted = f.StructureFactory(pole=pole)
        for on, channel in [
            (datetime.date(year, 1, 1), Channel.MEETING),
            (datetime.date(year, 7, 1), Channel.PHONE),
            (datetime.date(year, 12, 31), Channel.EMAIL),
            (datetime.date(before, 12, 31), Channel.MEETING),
        ]:
            Contact.objects.create(
                pole=pole,
                date=on,
                channel=channel,
                structure=contacted,
                topic="Échange",
                person_name=f"P {on}",
                person_key=fold(f"P {on}"),
            )
        for funding_year, kind, funder, amount in [
            (year, FundingKind.GRANT, FunderKind.LOCAL, "9000.00"),
            (year, FundingKind.GRANT, FunderKind.EUROPE, "1000.00"),
            (year, FundingKind.SALES, FunderKind.OTHER, "700.00"),
            (after, FundingKind.GRANT, FunderKind.LOCAL, "5000.00"),
        ]:
            FundingLine.objects.create(
                pole=pole,
                year=funding_year,
                kind=kind,
                funder_kind=funder,
                funder_name="Financeur",
                amount=Decimal(amount),
            )
    return {"colleges": colleges, "sector": sector}
