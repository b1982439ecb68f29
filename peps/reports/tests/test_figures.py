"""Every figure of the report equals a count made directly on the database for the same
period (a seeded year, with rows just before and after it)."""

import datetime

import pytest
from django.db.models import Q

from peps.agenda.models import Attendance, Event, EventStatus, Registration, RegistrationStatus
from peps.commons.models import Booking, BookingStatus
from peps.commons.selectors import usage_statistics
from peps.deliberation.models import Consultation, Proposal
from peps.governance.models import Decision, Motion, Outcome
from peps.partnerships.models import Partnership
from peps.poles.models import Membership
from peps.projects.models import Project, Referral
from peps.reports import figures
from peps.reports.tests.factories import YEAR, at

START, END = datetime.date(YEAR, 1, 1), datetime.date(YEAR, 12, 31)
IN_YEAR = Q(created_at__gte=at(YEAR, 1, 1, 0), created_at__lt=at(YEAR + 1, 1, 1, 0))


@pytest.fixture
def snapshot(pole, seeded):
    return figures.compute(pole, START, END)


def _section(snapshot, key):
    return next(s for s in snapshot["sections"] if s["key"] == key)


def _fig(section, key):
    return next(r["value"] for r in section["figures"] if r["key"] == key)


def _table(section, key):
    table = next(t for t in section["tables"] if t["key"] == key)
    return {r["key"]: r["value"] for r in table["rows"]}


def test_members_at_the_end_of_the_period_and_new_members_match_the_memberships(pole, snapshot, seeded):
    members = _section(snapshot, "members")
    memberships = Membership.objects.filter(pole=pole)
    # By hand: active and joined by Dec 31, or left after Dec 31 (the coordinator fixture joined in 2024).
    at_end = memberships.filter(
        Q(joined_on__lte=END) & (Q(status="active", left_on__isnull=True) | Q(left_on__gt=END))
    ).exclude(status__in=["pending", "refused"])
    assert _fig(members, "total") == at_end.count() == 7
    assert _fig(members, "structures") == at_end.filter(structure__isnull=False).count() == 2
    assert _fig(members, "people") == at_end.filter(person__isnull=False).count() == 5
    new = memberships.filter(joined_on__gte=START, joined_on__lte=END, status__in=["active", "left"])
    assert _fig(members, "new") == new.count() == 4
    by_college = _table(members, "by_college")
    for college in seeded["colleges"]:
        assert by_college[f"college-{college.pk}"] == at_end.filter(college=college).count()
    assert by_college["college-0"] == at_end.filter(college__isnull=True).count()
    forms = _table(members, "by_legal_form")
    assert forms == {"form-association": 1, "form-scop": 1}
    assert _table(members, "by_sector") == {"sector-alimentation": 2}
    appendix = members["appendix"][0]
    assert appendix["total"] == len(appendix["rows"]) == 4


def test_projects_submitted_followed_and_by_stage_domain_and_model_match_the_projects(pole, snapshot):
    projects = _section(snapshot, "projects")
    submitted = Project.objects.filter(pole=pole).filter(IN_YEAR)
    assert _fig(projects, "submitted") == submitted.count() == 4
    assert _fig(projects, "market") == submitted.filter(economic_model="market").count() == 2
    assert _fig(projects, "associative") == submitted.filter(economic_model="associative").count() == 2
    by_stage = _table(projects, "by_stage")
    for stage in ("submitted", "structuring", "launch", "redirected"):
        assert by_stage[f"stage-{stage}"] == submitted.filter(stage=stage).count() == 1
    assert _table(projects, "by_domain") == {
        "domain-food": 1,
        "domain-retail": 1,
        "domain-lodging": 1,
        "domain-sport": 1,
    }
    # Followed: the project of the year before had a stage change and a log entry during the year.
    followed = Project.objects.filter(pole=pole).filter(
        Q(stage_changes__at__gte=at(YEAR, 1, 1, 0), stage_changes__at__lt=at(YEAR + 1, 1, 1, 0))
        | Q(log_entries__happened_on__gte=START, log_entries__happened_on__lte=END)
    )
    assert _fig(projects, "followed") == followed.distinct().count() == 1
    assert _fig(projects, "emergence") == 1


def test_requests_by_kind_match_the_projects_request_kinds(pole, snapshot):
    requests = _section(snapshot, "requests")
    submitted = Project.objects.filter(pole=pole).filter(IN_YEAR).exclude(request_kind="")
    assert _fig(requests, "total") == submitted.count() == 3
    by_kind = _table(requests, "by_kind")
    for kind in ("information", "relay", "full_support"):
        assert by_kind[f"kind-{kind}"] == submitted.filter(request_kind=kind).count() == 1


def test_referrals_match_and_are_listed_in_the_appendix(pole, snapshot):
    referrals = _section(snapshot, "referrals")
    in_year = Referral.objects.filter(project__pole=pole, referred_on__gte=START, referred_on__lte=END)
    assert _fig(referrals, "total") == in_year.count() == 3
    assert _fig(referrals, "projects") == in_year.values("project").distinct().count() == 1
    assert _table(referrals, "by_network") == {"network-0": 2, "network-1": 1}
    assert len(referrals["appendix"][0]["rows"]) == 3
    assert referrals["appendix"][0]["rows"][0]["url"].startswith("/p/pollens/projets/")


def test_partnerships_proposed_and_formed_match(pole, snapshot):
    section = _section(snapshot, "partnerships")
    proposed = Partnership.objects.filter(pole=pole).filter(IN_YEAR)
    assert _fig(section, "proposed") == proposed.count() == 6
    formed = proposed.filter(status__in=["accepted", "active", "completed", "ended"])
    assert _fig(section, "formed") == formed.count() == 4
    assert section["appendix"][0]["total"] == 4


def test_events_and_attendance_match_the_agenda(pole, snapshot):
    section = _section(snapshot, "events")
    in_year = Event.objects.filter(pole=pole, starts_at__gte=at(YEAR, 1, 1, 0), starts_at__lt=at(YEAR + 1, 1, 1, 0))
    held = in_year.exclude(status=EventStatus.CANCELLED)
    assert _fig(section, "held") == held.count() == 2
    assert _fig(section, "cancelled") == in_year.filter(status=EventStatus.CANCELLED).count() == 1
    confirmed = Registration.objects.filter(event__in=held, status=RegistrationStatus.CONFIRMED)
    assert _fig(section, "registered") == confirmed.count() == 6
    assert _fig(section, "present") == confirmed.filter(attendance=Attendance.PRESENT).count() == 2
    assert _table(section, "by_kind") == {"kind-seminar": 1, "kind-bourse": 1}
    assert [row["cells"][3:] for row in section["appendix"][0]["rows"]] == [["3", "1"], ["3", "1"]]


def test_bookings_and_loans_match_and_agree_with_the_commons_statistics_page(pole, snapshot):
    section = _section(snapshot, "commons")
    used = Booking.objects.filter(
        pole=pole,
        status__in=[BookingStatus.CONFIRMED, BookingStatus.RETURNED],
        starts_at__lt=at(YEAR + 1, 1, 1, 0),
        ends_at__gt=at(YEAR, 1, 1, 0),
    )
    assert _fig(section, "bookings") == used.filter(is_loan=False).count() == 2
    assert _fig(section, "loans") == used.filter(is_loan=True).count() == 1
    # 3 hours in February, and 2 of the 4 hours that start at 22:00 on December 31.
    assert _fig(section, "hours") == 5
    stats = usage_statistics(pole=pole, start=START, end=END)["total"]
    assert (_fig(section, "bookings"), _fig(section, "loans"), _fig(section, "hours")) == (
        stats.bookings,
        stats.loans,
        round(stats.hours, 1),
    )


def test_votes_decisions_and_consultations_match(pole, snapshot):
    section = _section(snapshot, "governance")
    closed = Motion.objects.filter(pole=pole, closed_at__gte=at(YEAR, 1, 1, 0), closed_at__lt=at(YEAR + 1, 1, 1, 0))
    assert _fig(section, "votes") == closed.count() == 2
    assert _fig(section, "adopted") == closed.filter(outcome=Outcome.ADOPTED).count() == 1
    decisions = Decision.objects.filter(pole=pole, decided_on__gte=START, decided_on__lte=END)
    assert _fig(section, "decisions") == decisions.count() == 2
    assert _fig(section, "consultations") == Consultation.objects.filter(pole=pole).count() == 1
    proposals = Proposal.objects.filter(consultation__pole=pole).filter(IN_YEAR)
    assert _fig(section, "proposals") == proposals.count() == 2
    assert _fig(section, "retained") == proposals.filter(status__in=["retained", "done"]).count() == 1


def test_figures_are_scoped_to_the_pole(pole, other_pole, seeded):
    from .factories import seed_year

    seed_year(other_pole)
    snapshot = figures.compute(pole, START, END)
    assert _fig(_section(snapshot, "projects"), "submitted") == 4
    assert _fig(_section(snapshot, "events"), "held") == 2


def test_each_figure_links_to_its_list_or_has_an_appendix(pole, snapshot):
    projects = _section(snapshot, "projects")
    by_domain = next(t for t in projects["tables"] if t["key"] == "by_domain")
    assert by_domain["rows"][0]["url"].startswith("/p/pollens/projets/?domain=")
    commons = _section(snapshot, "commons")
    assert commons["figures"][0]["url"] == f"/p/pollens/ressources/statistiques/?start={START}&end={END}"
    assert commons["figures"][0]["private"] is True
    for key in ("members", "referrals", "partnerships", "events", "governance"):
        assert _section(snapshot, key)["appendix"], key


def test_contacts_match_the_activity_log(pole, snapshot):
    from peps.activity.models import Contact

    section = _section(snapshot, "contacts")
    assert section["available"]
    in_year = Contact.objects.filter(pole=pole, date__gte=START, date__lte=END)
    assert _fig(section, "contacts") == in_year.count() == 3
    # The structure was first contacted the year before: it is not newly contacted in 2024.
    assert _fig(section, "structures") == 0
    assert _fig(section, "people") == in_year.values("person_key").distinct().count() == 3
    by_channel = {row["label"]: row["value"] for row in next(iter(section["tables"]))["rows"]}
    assert by_channel["Rencontre"] == in_year.filter(channel="meeting").count() == 1
    assert by_channel["E-mail"] == 1
    assert section["figures"][0]["url"] == "/p/pollens/contacts/"


def test_funding_matches_the_funding_lines_and_fees(pole, snapshot):
    from django.db.models import Sum

    from peps.funding.models import FundingLine
    from peps.poles.models import MembershipFee

    section = _section(snapshot, "funding")
    assert section["available"]
    lines = FundingLine.objects.filter(pole=pole, year=YEAR)
    fees = MembershipFee.objects.filter(membership__pole=pole, year=YEAR).aggregate(s=Sum("amount"))["s"]
    assert fees == 300
    total = lines.aggregate(s=Sum("amount"))["s"] + fees
    assert _fig(section, f"total-{YEAR}") == float(total) == 11000
    assert _fig(section, f"fees-{YEAR}") == 300
    public = lines.filter(funder_kind__in=["local", "europe"]).aggregate(s=Sum("amount"))["s"]
    assert _fig(section, f"public-{YEAR}") == float(public) == 10000
    assert _table(section, "public_share") == {f"public-share-{YEAR}": round(100 * 10000 / 11000, 1)}


def test_the_referential_section_says_when_the_pole_has_no_self_assessment(pole, snapshot):
    section = _section(snapshot, "assessment")
    assert section["available"] is False and "autoévaluation" in section["note"]
