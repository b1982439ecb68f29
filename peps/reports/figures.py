"""The figures of an annual report: one plain function per section, each made of aggregate
queries only (a bounded number per section, whatever the size of the pole), each figure
carrying a link to the list it counts, or an appendix list where no such page exists.

Every function takes (pole, period) and returns a JSON-ready section dict:

    {"key", "title", "available", "note", "figures": [row], "tables": [table], "appendix": [list]}
    row   = {"key", "label", "value", "url", "private"}       (private: a coordinators' page)
    table = {"key", "title", "unit", "chart", "rows": [row]}
    list  = {"key", "title", "columns": [str], "rows": [{"cells": [str], "url"}], "total"}

The report stores the result (Report.figures) and both the web page and the PDF render it.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Count, DateTimeField, DurationField, Exists, ExpressionWrapper, F, OuterRef, Q, Sum, Value
from django.db.models.functions import Greatest, Least
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

APPENDIX_LIMIT = 100
TOP_LIMIT = 15


@dataclass(frozen=True)
class Period:
    """Local dates, both included; `start_at`/`end_at` bound datetimes as [start_at, end_at)."""

    start: datetime.date
    end: datetime.date

    @property
    def start_at(self) -> datetime.datetime:
        return _local_midnight(self.start)

    @property
    def end_at(self) -> datetime.datetime:
        return _local_midnight(self.end + datetime.timedelta(days=1))

    def dates(self, field: str) -> Q:
        return Q(**{f"{field}__gte": self.start, f"{field}__lte": self.end})

    def moments(self, field: str) -> Q:
        return Q(**{f"{field}__gte": self.start_at, f"{field}__lt": self.end_at})


def _local_midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(0)).replace(tzinfo=timezone.get_default_timezone())


# --- Shapes ---------------------------------------------------------------------------------


def link(name: str, pole, *, private: bool = False, args: tuple = (), **query) -> dict | None:
    """A link to a list page, or None when that page does not exist (yet)."""
    try:
        url = reverse(name, args=(pole.slug, *args))
    except NoReverseMatch:
        return None
    query = {key: value for key, value in query.items() if value not in (None, "")}
    return {"url": url + ("?" + urlencode(query) if query else ""), "private": private}


def row(key: str, label, value, target: dict | None = None, **extra) -> dict:
    return {
        "key": key,
        "label": str(label),
        "value": _number(value),
        "url": target["url"] if target else "",
        "private": bool(target and target["private"]),
        **extra,
    }


def table(key: str, title, rows: list[dict], *, unit: str = "", chart: bool = True) -> dict:
    return {
        "key": key,
        "title": str(title),
        "unit": unit,
        "chart": chart and any(r["value"] for r in rows),
        "rows": rows,
    }


def appendix(key: str, title, columns: list, rows: list[dict], total: int) -> dict:
    return {"key": key, "title": str(title), "columns": [str(c) for c in columns], "rows": rows, "total": total}


def section(key: str, title, *, figures=(), tables=(), appendices=(), note="") -> dict:
    return {
        "key": key,
        "title": str(title),
        "available": True,
        "note": str(note),
        "figures": list(figures),
        "tables": list(tables),
        "appendix": list(appendices),
    }


def unavailable(key: str, title, reason) -> dict:
    return {**section(key, title, note=reason), "available": False}


def _number(value):
    if isinstance(value, Decimal):
        return float(round(value, 2))
    if isinstance(value, float):
        return round(value, 2)
    return value if value is not None else 0


def _date(value) -> str:
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    return formats.date_format(value, "SHORT_DATE_FORMAT") if value else ""


# --- Members -------------------------------------------------------------------------------


def _member_at_end(period: Period) -> Q:
    from peps.poles.models import MembershipStatus as S

    joined = Q(joined_on__lte=period.end) | Q(joined_on__isnull=True, created_at__lt=period.end_at)
    still = Q(status=S.ACTIVE, left_on__isnull=True) | Q(status__in=[S.ACTIVE, S.LEFT], left_on__gt=period.end)
    return joined & still


def _joined_during(period: Period) -> Q:
    from peps.poles.models import MembershipStatus as S

    return Q(status__in=[S.ACTIVE, S.LEFT]) & (
        period.dates("joined_on") | (Q(joined_on__isnull=True) & period.moments("created_at"))
    )


def members(pole, period: Period) -> dict:
    """Members on the last day of the period, by college and kind; members who joined during it."""
    from peps.directory.models import LegalForm
    from peps.poles.models import Membership

    at_end = Membership.objects.filter(pole=pole).filter(_member_at_end(period))
    grouped = (
        at_end.order_by()
        .values("college_id", "college__name", "college__position")
        .annotate(
            people=Count("pk", filter=Q(person__isnull=False)),
            structures=Count("pk", filter=Q(structure__isnull=False)),
        )
        .order_by("college__position", "college__name")
    )
    by_college, people, structures = [], 0, 0
    for group in grouped:  # one row per college: a handful
        people += group["people"]
        structures += group["structures"]
        name = group["college__name"] or _("Sans collège")
        target = link("poles:members", pole, private=True, college=group["college_id"] or "")
        by_college.append(
            row(f"college-{group['college_id'] or 0}", name, group["people"] + group["structures"], target)
        )
    legal_forms = dict(LegalForm.choices)
    by_form = (
        at_end.filter(structure__isnull=False)
        .order_by()
        .values_list("structure__legal_form")
        .annotate(n=Count("pk"))
        .order_by("-n", "structure__legal_form")
    )
    form_rows = [
        row(f"form-{code}", legal_forms.get(code, code), n, link("directory:list", pole, legal_form=code))
        for code, n in by_form
    ]
    by_sector = (
        at_end.filter(structure__isnull=False)
        .order_by()
        .values_list("structure__sectors__slug", "structure__sectors__name")
        .annotate(n=Count("structure_id", distinct=True))
        .order_by("-n", "structure__sectors__name")[:TOP_LIMIT]
    )
    sector_rows = [
        row(
            f"sector-{slug or 'none'}",
            _(name) if name else _("Sans secteur"),
            n,
            link("directory:list", pole, sector=slug) if slug else None,
        )
        for slug, name, n in by_sector
    ]
    joined = Membership.objects.filter(pole=pole).filter(_joined_during(period))
    new_total = joined.count()
    new_rows = [
        {"cells": [person or structure or "", college or _("Sans collège"), _date(on or created)], "url": ""}
        for person, structure, college, on, created in joined.order_by("joined_on", "pk").values_list(
            "person__display_name", "structure__name", "college__name", "joined_on", "created_at"
        )[:APPENDIX_LIMIT]
    ]
    members_link = link("poles:members", pole, private=True)
    return section(
        "members",
        _("Membres"),
        figures=[
            row("total", _("Membres à la fin de la période"), people + structures, members_link),
            row(
                "structures",
                _("dont structures"),
                structures,
                link("poles:members", pole, private=True, kind="structure"),
            ),
            row("people", _("dont personnes"), people, link("poles:members", pole, private=True, kind="person")),
            row("new", _("Nouveaux membres pendant la période"), new_total),
        ],
        tables=[
            table("by_college", _("Membres par collège"), by_college),
            table("by_legal_form", _("Structures membres par forme juridique"), form_rows),
            table("by_sector", _("Structures membres par secteur"), sector_rows),
        ],
        appendices=[
            appendix(
                "new_members",
                _("Nouveaux membres pendant la période"),
                [_("Membre"), _("Collège"), _("Depuis le")],
                new_rows,
                new_total,
            )
        ],
        note=_("Les liens mènent aux listes d’aujourd’hui ; les nouveaux membres de la période sont listés en annexe."),
    )


# --- Contacts (activity log) ---------------------------------------------------------------


def contacts(pole, period: Period) -> dict:
    title = _("Contacts")
    try:
        from peps.activity.selectors import contacts_summary
    except ImportError:
        return unavailable("contacts", title, _("Non disponible : le journal des contacts n’est pas encore installé."))
    summary = contacts_summary(pole, period.start, period.end)
    target = _first_link(pole, ["activity:log"])
    channels = [
        row(f"channel-{i}", label, value, target) for i, (label, value) in enumerate(_pairs(summary.get("by_channel")))
    ]
    return section(
        "contacts",
        title,
        figures=[
            row("contacts", _("Contacts enregistrés"), summary.get("contacts", 0), target),
            row("structures", _("Structures contactées"), summary.get("structures_contacted", 0), target),
            row("people", _("Personnes contactées"), summary.get("people_contacted", 0), target),
        ],
        tables=[table("by_channel", _("Contacts par moyen"), channels)],
    )


def _first_link(pole, names: list[str]) -> dict | None:
    for name in names:
        target = link(name, pole, private=True)
        if target:
            return target
    return None


def _pairs(data) -> list[tuple[str, object]]:
    """(label, count) pairs from a dict, a list of pairs or a list of dicts."""
    if not data:
        return []
    if isinstance(data, dict):
        return [(str(label), value) for label, value in data.items()]
    pairs = []
    for item in data:
        if isinstance(item, dict):
            label = item.get("label") or item.get("channel") or item.get("kind") or ""
            value = next((item[k] for k in ("count", "n", "value", "total") if k in item), 0)
            pairs.append((str(label), value))
        else:
            pairs.append((str(item[0]), item[1]))
    return pairs


# --- Projects and requests -----------------------------------------------------------------


def projects(pole, period: Period) -> dict:
    """Ideas and projects submitted during the period (by stage today, domain and model), and
    the projects followed during it (a stage change or a support log entry in the period)."""
    from peps.projects.models import Domain, EconomicModel, Project, StageChange, SupportLogEntry
    from peps.projects.stages import PHASE, Stage

    submitted = Project.objects.filter(pole=pole).filter(period.moments("created_at"))
    stages, domains, models = defaultdict(int), defaultdict(int), defaultdict(int)
    total = 0
    # One grouped query; at most stages × domains × models rows, whatever the number of projects.
    for stage, domain, model, n in (
        submitted.order_by().values_list("stage", "domain", "economic_model").annotate(n=Count("pk"))
    ):
        stages[stage] += n
        domains[domain] += n
        models[model] += n
        total += n
    moved = StageChange.objects.filter(project=OuterRef("pk")).filter(period.moments("at"))
    logged = SupportLogEntry.objects.filter(project=OuterRef("pk")).filter(period.dates("happened_on"))
    followed = dict(
        Project.objects.filter(pole=pole)
        .filter(Exists(moved) | Exists(logged))
        .order_by()
        .values_list("stage")
        .annotate(n=Count("pk"))
    )
    emergence = sum(n for stage, n in followed.items() if PHASE.get(stage) == "emergence")
    board = link("projects:board", pole, private=True)
    return section(
        "projects",
        _("Idées et projets"),
        figures=[
            row("submitted", _("Idées et projets déposés pendant la période"), total, link("projects:list", pole)),
            row("followed", _("Projets suivis pendant la période"), sum(followed.values()), board),
            row("emergence", _("dont en émergence aujourd’hui"), emergence, board),
            row(
                "market",
                _("Projets déposés marchands"),
                models[EconomicModel.MARKET],
                link("projects:list", pole, economic_model="market"),
            ),
            row(
                "associative",
                _("Projets déposés associatifs"),
                models[EconomicModel.ASSOCIATIVE],
                link("projects:list", pole, economic_model="associative"),
            ),
        ],
        tables=[
            table(
                "by_stage",
                _("Projets déposés, par étape atteinte"),
                [
                    row(f"stage-{s}", s.label, stages[s], link("projects:list", pole, stage=s.value))
                    for s in Stage
                    if stages[s]
                ],
            ),
            table(
                "by_domain",
                _("Projets déposés, par domaine"),
                [
                    row(f"domain-{d}", d.label, domains[d], link("projects:list", pole, domain=d.value))
                    for d in sorted(Domain, key=lambda d: -domains[d])
                    if domains[d]
                ],
            ),
            table(
                "by_model",
                _("Projets déposés, par modèle économique"),
                [
                    row(f"model-{m}", m.label, models[m], link("projects:list", pole, economic_model=m.value))
                    for m in EconomicModel
                ],
            ),
        ],
        note=_(
            "Les listes publiques de projets ne montrent que les projets visibles par chacun, toutes périodes confondues."
        ),
    )


def requests(pole, period: Period) -> dict:
    """Requests (information, relay, full support) of projects submitted during the period."""
    from peps.projects.models import Project, RequestKind

    counts = dict(
        Project.objects.filter(pole=pole)
        .filter(period.moments("created_at"))
        .exclude(request_kind="")
        .order_by()
        .values_list("request_kind")
        .annotate(n=Count("pk"))
    )
    rows = [
        row(f"kind-{k}", k.label, counts.get(k, 0), link("projects:board", pole, private=True, request_kind=k.value))
        for k in RequestKind
    ]
    return section(
        "requests",
        _("Demandes reçues"),
        figures=[
            row(
                "total",
                _("Demandes reçues pendant la période"),
                sum(counts.values()),
                link("projects:board", pole, private=True),
            )
        ],
        tables=[table("by_kind", _("Demandes par type"), rows)],
    )


def referrals(pole, period: Period) -> dict:
    """Holders referred to partner support networks (subsidiarity)."""
    from peps.projects.models import Referral

    referred = Referral.objects.filter(project__pole=pole).filter(period.dates("referred_on"))
    totals = referred.aggregate(total=Count("pk"), projects=Count("project", distinct=True))
    by_network = (
        referred.order_by().values_list("network").annotate(n=Count("pk")).order_by("-n", "network")[:TOP_LIMIT]
    )
    rows = [
        {"cells": [_date(on), title, network], "url": reverse("projects:detail", args=(pole.slug, project_id))}
        for on, title, network, project_id in referred.order_by("referred_on", "pk").values_list(
            "referred_on", "project__title", "network", "project_id"
        )[:APPENDIX_LIMIT]
    ]
    return section(
        "referrals",
        _("Orientations vers les réseaux partenaires"),
        figures=[
            row("total", _("Orientations"), totals["total"]),
            row("projects", _("Projets orientés"), totals["projects"]),
        ],
        tables=[
            table(
                "by_network",
                _("Orientations par réseau"),
                [row(f"network-{i}", n, c) for i, (n, c) in enumerate(by_network)],
            )
        ],
        appendices=[
            appendix(
                "referrals",
                _("Orientations de la période"),
                [_("Date"), _("Projet"), _("Réseau")],
                rows,
                totals["total"],
            )
        ],
    )


# --- Partnerships, events, commons ---------------------------------------------------------


FORMED = ("accepted", "active", "completed", "ended")


def partnerships(pole, period: Period) -> dict:
    """Partnerships proposed during the period, and those of them that were formed."""
    from peps.partnerships.models import Partnership, PartnershipStatus

    proposed = Partnership.objects.filter(pole=pole).filter(period.moments("created_at"))
    counts = dict(proposed.order_by().values_list("status").annotate(n=Count("pk")))
    formed = proposed.filter(status__in=FORMED)
    formed_total = sum(counts.get(s, 0) for s in FORMED)
    rows = [
        {
            "cells": [_date(created), title, structure or person or "", str(PartnershipStatus(status).label)],
            "url": reverse("partnerships:detail", args=(pole.slug, pk)),
        }
        for pk, created, title, structure, person, status in formed.order_by("created_at", "pk").values_list(
            "pk", "created_at", "project__title", "partner_structure__name", "partner_person__display_name", "status"
        )[:APPENDIX_LIMIT]
    ]
    dashboard = link("partnerships:dashboard", pole, private=True)
    return section(
        "partnerships",
        _("Partenariats"),
        figures=[
            row("proposed", _("Partenariats proposés"), sum(counts.values()), dashboard),
            row("formed", _("Partenariats formés"), formed_total, dashboard),
        ],
        tables=[
            table(
                "by_status",
                _("Partenariats proposés, par statut actuel"),
                [row(f"status-{s}", s.label, counts.get(s, 0)) for s in PartnershipStatus],
            )
        ],
        appendices=[
            appendix(
                "formed",
                _("Partenariats formés"),
                [_("Proposé le"), _("Projet"), _("Partenaire"), _("Statut")],
                rows,
                formed_total,
            )
        ],
    )


def events(pole, period: Period) -> dict:
    """Events held during the period (cancelled ones apart) and their attendance."""
    from peps.agenda.models import Attendance, Event, EventKind, EventStatus, Registration, RegistrationStatus

    in_period = Event.objects.filter(pole=pole).filter(period.moments("starts_at"))
    grouped = in_period.order_by().values_list("kind", "status").annotate(n=Count("pk"))
    by_kind, cancelled = defaultdict(int), 0
    for kind, status, n in grouped:
        if status == EventStatus.CANCELLED:
            cancelled += n
        else:
            by_kind[kind] += n
    held = in_period.exclude(status=EventStatus.CANCELLED)
    attendance = Registration.objects.filter(event__in=held, status=RegistrationStatus.CONFIRMED).aggregate(
        registered=Count("pk"),
        present=Count("pk", filter=Q(attendance=Attendance.PRESENT)),
        people=Count("person", distinct=True),
    )
    confirmed = Q(registrations__status=RegistrationStatus.CONFIRMED)
    listed = (
        held.order_by("starts_at", "pk")
        .annotate(
            registered=Count("registrations", filter=confirmed),
            present=Count("registrations", filter=confirmed & Q(registrations__attendance=Attendance.PRESENT)),
        )
        .values_list("pk", "starts_at", "title", "kind", "registered", "present")[:APPENDIX_LIMIT]
    )
    kinds = dict(EventKind.choices)
    rows = [
        {
            "cells": [_date(starts), title, str(kinds.get(kind, kind)), str(registered), str(present)],
            "url": reverse("agenda:detail", args=(pole.slug, pk)),
        }
        for pk, starts, title, kind, registered, present in listed
    ]
    held_total = sum(by_kind.values())
    return section(
        "events",
        _("Événements"),
        figures=[
            row("held", _("Événements tenus"), held_total, link("agenda:list", pole)),
            row("cancelled", _("Événements annulés"), cancelled),
            row("registered", _("Inscriptions confirmées"), attendance["registered"]),
            row("people", _("Personnes inscrites (distinctes)"), attendance["people"]),
            row("present", _("Présences relevées"), attendance["present"]),
        ],
        tables=[
            table(
                "by_kind",
                _("Événements tenus, par type"),
                [
                    row(f"kind-{k}", k.label, by_kind[k])
                    for k in sorted(EventKind, key=lambda k: -by_kind[k])
                    if by_kind[k]
                ],
            )
        ],
        appendices=[
            appendix(
                "events",
                _("Événements de la période"),
                [_("Date"), _("Événement"), _("Type"), _("Inscriptions"), _("Présences")],
                rows,
                held_total,
            )
        ],
    )


def commons(pole, period: Period) -> dict:
    """Bookings (rooms, on the spot) and loans that overlap the period; confirmed or returned
    only, as commons.selectors.usage_statistics counts them (its page is the linked list)."""
    from peps.commons.models import Booking, BookingStatus, ResourceKind

    used = Booking.objects.filter(
        pole=pole,
        status__in=(BookingStatus.CONFIRMED, BookingStatus.RETURNED),
        starts_at__lt=period.end_at,
        ends_at__gt=period.start_at,
    )
    clipped = ExpressionWrapper(
        Least(F("ends_at"), Value(period.end_at, output_field=DateTimeField()))
        - Greatest(F("starts_at"), Value(period.start_at, output_field=DateTimeField())),
        output_field=DurationField(),
    )
    totals = used.aggregate(
        bookings=Count("pk", filter=Q(is_loan=False)),
        loans=Count("pk", filter=Q(is_loan=True)),
        duration=Sum(clipped, filter=Q(is_loan=False)),
        structures=Count("structure", distinct=True),
        people=Count("booked_by", distinct=True),
    )
    by_kind = {
        kind: (bookings, loans)
        for kind, bookings, loans in used.order_by()
        .values_list("resource__kind")
        .annotate(bookings=Count("pk", filter=Q(is_loan=False)), loans=Count("pk", filter=Q(is_loan=True)))
    }
    hours = round((totals["duration"] or datetime.timedelta()).total_seconds() / 3600, 1)
    stats = link("commons:statistics", pole, private=True, start=period.start.isoformat(), end=period.end.isoformat())
    return section(
        "commons",
        _("Ressources partagées"),
        figures=[
            row("bookings", _("Réservations de salles et de matériel sur place"), totals["bookings"], stats),
            row("hours", _("Heures réservées"), hours, stats),
            row("loans", _("Prêts"), totals["loans"], stats),
            row("structures", _("Structures bénéficiaires"), totals["structures"], stats),
            row("people", _("Personnes ayant réservé ou emprunté"), totals["people"], stats),
        ],
        tables=[
            table(
                "by_kind",
                _("Réservations et prêts, par type de ressource"),
                [row(f"kind-{k}", k.label, sum(by_kind.get(k, (0, 0))), stats) for k in ResourceKind],
            )
        ],
    )


# --- Governance and deliberation -----------------------------------------------------------


def governance(pole, period: Period) -> dict:
    """Votes closed and decisions recorded during the period; consultations held in it."""
    from peps.deliberation.models import Consultation, Proposal, ProposalStatus
    from peps.governance.models import Decision, Motion, MotionStatus, Outcome

    outcomes = dict(
        Motion.objects.filter(pole=pole, status=MotionStatus.CLOSED)
        .filter(period.moments("closed_at"))
        .order_by()
        .values_list("outcome")
        .annotate(n=Count("pk"))
    )
    decided = Decision.objects.filter(pole=pole).filter(period.dates("decided_on"))
    by_body = decided.order_by().values_list("body__name").annotate(n=Count("pk")).order_by("-n", "body__name")
    decisions_total = 0
    body_rows = []
    for i, (name, n) in enumerate(by_body):  # one row per body: a handful
        decisions_total += n
        body_rows.append(row(f"body-{i}", name or _("Tous les membres"), n))
    year = period.start.year if period.start.year == period.end.year else None
    decisions_link = link("governance:decisions", pole, year=year)
    decision_rows = [
        {
            "cells": [_date(on), title, number],
            "url": reverse("governance:motion", args=(pole.slug, motion_id)) if motion_id else "",
        }
        for number, on, title, motion_id in decided.order_by("decided_on", "sequence").values_list(
            "number", "decided_on", "title", "motion_id"
        )[:APPENDIX_LIMIT]
    ]
    consultations = Consultation.objects.filter(pole=pole, starts_on__lte=period.end, ends_on__gte=period.start).count()
    proposals = (
        Proposal.objects.filter(consultation__pole=pole)
        .filter(period.moments("created_at"))
        .aggregate(
            total=Count("pk"),
            retained=Count("pk", filter=Q(status__in=[ProposalStatus.RETAINED, ProposalStatus.DONE])),
        )
    )
    votes_link = link("governance:motions", pole, status="closed")
    return section(
        "governance",
        _("Votes et décisions"),
        figures=[
            row("votes", _("Votes clos"), sum(outcomes.values()), votes_link),
            row("adopted", _("dont adoptés"), outcomes.get(Outcome.ADOPTED, 0), votes_link),
            row("decisions", _("Décisions inscrites au registre"), decisions_total, decisions_link),
            row(
                "consultations",
                _("Consultations ouvertes pendant la période"),
                consultations,
                link("deliberation:consultations", pole),
            ),
            row("proposals", _("Propositions reçues"), proposals["total"]),
            row("retained", _("dont retenues ou réalisées"), proposals["retained"]),
        ],
        tables=[
            table(
                "by_outcome",
                _("Votes clos, par résultat"),
                [row(f"outcome-{o}", o.label, outcomes.get(o, 0), votes_link) for o in Outcome],
            ),
            table("by_body", _("Décisions, par instance"), body_rows),
        ],
        appendices=[
            appendix(
                "decisions",
                _("Décisions de la période"),
                [_("Date"), _("Intitulé"), _("Numéro")],
                decision_rows,
                decisions_total,
            )
        ],
    )


# --- Referential, funding (selectors of other apps) ----------------------------------------


def assessment(pole, period: Period) -> dict:
    title = _("Résultats du référentiel")
    try:
        from peps.assessment.selectors import pole_results_summary
    except ImportError:
        return unavailable("assessment", title, _("Non disponible : l’autoévaluation n’est pas encore installée."))
    summary = pole_results_summary(pole)
    if not summary:
        return unavailable("assessment", title, _("Le pôle n’a pas encore d’autoévaluation remise."))
    campaign = summary.get("campaign")
    campaign_pk = getattr(campaign, "pk", None)
    target = (link("assessment_pole:results", pole, args=(campaign_pk,)) if campaign_pk else None) or link(
        "assessment_pole:list", pole
    )
    rows = [
        row(
            f"objective-{item.get('code')}",
            f"{item.get('code')} — {item.get('label')}",
            item.get("median") or 0,
            target,
            q1=_number(item.get("q1")),
            q3=_number(item.get("q3")),
            level=str(item.get("level") or ""),
        )
        for item in summary.get("objectives") or []
    ]
    if isinstance(campaign, dict):
        campaign = campaign.get("title") or campaign.get("name") or ""
    submitted = summary.get("submitted_at")
    note = _("Campagne : %(campaign)s ; remise le %(date)s.") % {
        "campaign": campaign or "—",
        "date": _date(submitted) if isinstance(submitted, datetime.date) else (submitted or "—"),
    }
    return section(
        "assessment",
        title,
        figures=[row("objectives", _("Objectifs évalués"), len(rows), target)],
        tables=[table("objectives", _("Médiane par objectif (avec quartiles)"), rows, unit="level")],
        note=note,
    )


def funding(pole, period: Period) -> dict:
    title = _("Financements")
    try:
        from peps.funding.selectors import funding_summary
    except ImportError:
        return unavailable("funding", title, _("Non disponible : le suivi des financements n’est pas encore installé."))
    years = list(funding_summary(pole, period.start.year, period.end.year) or [])
    target = _first_link(pole, ["funding:index"])
    totals = [row(f"total-{y['year']}", y["year"], y.get("total") or 0, target, unit="€") for y in years]
    shares = [
        row(f"public-share-{y['year']}", y["year"], _percent(y.get("public_share")), target, unit="%") for y in years
    ]
    figures = []
    for y in years:
        figures += [
            row(f"total-{y['year']}", _("Total %(year)s (€)") % {"year": y["year"]}, y.get("total") or 0, target),
            row(f"fees-{y['year']}", _("Cotisations %(year)s (€)") % {"year": y["year"]}, y.get("fees") or 0, target),
            row(
                f"public-{y['year']}",
                _("Financements publics %(year)s (€)") % {"year": y["year"]},
                y.get("public") or 0,
                target,
            ),
        ]
    kinds = []
    for y in years:
        for i, (label, value) in enumerate(_pairs(y.get("by_kind"))):
            kinds.append(row(f"kind-{y['year']}-{i}", f"{y['year']} — {label}", value, target))
    return section(
        "funding",
        title,
        figures=figures,
        tables=[
            table("totals", _("Ressources par année (€)"), totals, unit="€"),
            table("public_share", _("Part des financements publics (%)"), shares, unit="%"),
            table("by_kind", _("Ressources par origine (€)"), kinds, unit="€"),
        ],
        note=_("Années civiles %(start)s à %(end)s.") % {"start": period.start.year, "end": period.end.year},
    )


def _percent(share) -> float:
    """public_share is given from 0 to 100 by funding_summary."""
    return round(float(share or 0), 1)


# --- All sections --------------------------------------------------------------------------

SECTIONS: list[Callable] = [
    members,
    contacts,
    projects,
    requests,
    referrals,
    partnerships,
    events,
    commons,
    governance,
    assessment,
    funding,
]


def compute(
    pole, start: datetime.date, end: datetime.date, *, on_progress: Callable[[int], None] | None = None
) -> dict:
    """Every section, in order, as one JSON-ready snapshot."""
    period = Period(start, end)
    sections = []
    # Labels are frozen in the snapshot: the report is written in the platform's language.
    with translation.override(settings.LANGUAGE_CODE):
        for index, function in enumerate(SECTIONS, start=1):
            sections.append(function(pole, period))
            if on_progress:
                on_progress(index * 100 // len(SECTIONS))
    return {
        "version": 1,
        "start": start.isoformat(),
        "end": end.isoformat(),
        "computed_at": timezone.now().isoformat(),
        "sections": sections,
    }
