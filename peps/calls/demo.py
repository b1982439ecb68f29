"""Network demo of the calls for projects, as the national PTCE call of 2012 (DOMAIN.md):
a decided call with 150 answers (a quarter of them expressions of interest), a committee
of 3, scores and 21 pôles témoins retained; and an open call taking applications. Idempotent."""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from peps.accounts.models import User
from peps.core.text import build_search_text
from peps.poles.models import Membership, MembershipStatus, Role

from . import selectors, services
from .models import (
    Application,
    ApplicationEvent,
    ApplicationKind,
    ApplicationStatus,
    Assignment,
    Call,
    CallField,
    CallReviewer,
    CallStatus,
    CallStatusChange,
    Criterion,
    Decision,
    FieldKind,
    Score,
)

DECIDED_TITLE = "Appel national « Pôles témoins » des PTCE"
OPEN_TITLE = "Appel 2027 : accompagner les PTCE en émergence"
APPLICATIONS = 150
RETAINED = 21
# The national call's calendar (2012): open two months in spring, outcomes sent in June.
DECIDED_OPENS = datetime.datetime(2012, 3, 1, 9, 0)
DECIDED_CLOSES = datetime.datetime(2012, 4, 30, 18, 0)

DECIDED_TEXT = """Le réseau national lance un appel pour identifier les **pôles territoriaux de
coopération économique** (PTCE) opérationnels ou en développement, et les territoires où un
pôle est en réflexion.

Les pôles retenus deviendront des *pôles témoins* : ils seront accompagnés pendant deux ans,
rédigeront leur fiche descriptive et contribueront au référentiel PTCE.

## Qui peut répondre ?

- les PTCE opérationnels ou à développer, par leur coordination ;
- les collectifs porteurs d’un pôle en projet, par une manifestation d’intérêt.
"""

OPEN_TEXT = """Le réseau ouvre un nouvel appel pour accompagner les **pôles en émergence** :
appui méthodologique, mise en relation avec des personnes ressources et participation aux
rencontres nationales.
"""

FIELDS = [
    ("Présentation du pôle", "Raison d’être, histoire, activités principales.", FieldKind.LONG_TEXT, True, ""),
    ("Nombre de structures membres", "", FieldKind.NUMBER, True, ""),
    ("Stade du pôle", "", FieldKind.CHOICE, True, "Opérationnel\nEn développement\nEn émergence"),
    ("Gouvernance partagée formalisée (statuts, charte) ?", "", FieldKind.YES_NO, False, ""),
    ("Dossier complet", "Statuts, bilan d’activité ou note de présentation.", FieldKind.FILE, False, ""),
]

CRITERIA = [
    ("Ancrage territorial", "Le pôle cultive et sert son territoire.", 3),
    ("Coopérations diversifiées", "ESS, entreprises classiques, collectivités, recherche, citoyens.", 3),
    ("Économie intégrée au territoire", "Activités et emplois non délocalisables.", 2),
    ("Gouvernance et participation", "Décisions partagées entre les acteurs du pôle.", 2),
    ("Valeur d’exemple", "Ce que le pôle peut apporter aux autres territoires.", 1),
]

WOULD_BE = [
    ("PTCE du Val de Sèvre (en projet)", "Val de Sèvre (Deux-Sèvres)"),
    ("Pôle coopératif des Monts du Lyonnais", "Monts du Lyonnais (Rhône)"),
    ("Coopérations Vallée de la Drôme", "Vallée de la Drôme (Drôme)"),
    ("Pôle ESS du Pays de Morlaix", "Pays de Morlaix (Finistère)"),
    ("Fabrique territoriale du Haut-Jura", "Haut-Jura (Jura)"),
    ("Pôle des circuits courts du Gers", "Gers"),
    ("Coopérative de territoire Cévennes", "Cévennes (Gard, Lozère)"),
    ("PTCE Bocage et Marais", "Bocage vendéen (Vendée)"),
    ("Pôle économie circulaire du Nord-Isère", "Nord-Isère (Isère)"),
    ("Collectif Tiers-lieux du Morvan", "Morvan (Nièvre, Yonne)"),
    ("Pôle solidaire de la Thiérache", "Thiérache (Aisne)"),
    ("PTCE des Baronnies", "Baronnies provençales (Drôme)"),
    ("Pôle alimentation durable du Pays basque", "Pays basque (Pyrénées-Atlantiques)"),
    ("Coopérations du Livradois-Forez", "Livradois-Forez (Puy-de-Dôme)"),
    ("PTCE Cœur de Lorraine", "Meuse"),
    ("Pôle numérique solidaire de l’Aveyron", "Aveyron"),
    ("PTCE Vallée de la Bruche", "Vallée de la Bruche (Bas-Rhin)"),
    ("Pôle mobilités rurales du Berry", "Berry (Cher, Indre)"),
    ("Coopérative d’activités du Trégor", "Trégor (Côtes-d’Armor)"),
    ("PTCE du Pays d’Apt", "Pays d’Apt (Vaucluse)"),
    ("Pôle bois et forêt du Limousin", "Plateau de Millevaches (Corrèze, Creuse)"),
    ("Pôle culture et patrimoine du Quercy", "Quercy (Lot)"),
    ("PTCE Littoral Côte d’Opale", "Côte d’Opale (Pas-de-Calais)"),
    ("Pôle des savoir-faire de l’Ariège", "Ariège"),
]

# Past the named would-be poles, the others are named after the same territories.
WOULD_BE_KINDS = [
    "Pôle de coopération",
    "Collectif PTCE",
    "Coopérative de territoire",
    "Pôle ESS",
    "Pôle territorial",
    "Fabrique des coopérations",
    "Collectif des acteurs",
]


def _would_be(count: int) -> list[tuple[str, str]]:
    names = list(WOULD_BE)
    for kind in WOULD_BE_KINDS:
        names += [(f"{kind} — {territory}", territory) for _name, territory in WOULD_BE]
    assert len(names) >= count, "more would-be poles than names"
    return names[:count]


REVIEWERS = [
    ("comite.martine.roux@reseau-ptce.demo", "Martine Roux (comité de sélection)"),
    ("comite.yacine.benali@reseau-ptce.demo", "Yacine Benali (comité de sélection)"),
    ("comite.helene.garnier@reseau-ptce.demo", "Hélène Garnier (comité de sélection)"),
]


def _user(email: str, name: str, **extra) -> User:
    from allauth.account.models import EmailAddress

    from peps.demo.bulk import demo_password_hash

    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create(
            email=email, display_name=name, password=demo_password_hash(), search_text=build_search_text(name), **extra
        )
        EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


def _admin() -> User:
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    return admin or _user("admin@peps.demo", "Administration du réseau (démo)", is_staff=True, is_superuser=True)


def _form(call: Call, fields=FIELDS, criteria=CRITERIA) -> None:
    CallField.objects.bulk_create(
        CallField(
            call=call, position=i, label=label, help_text=help_text, kind=kind, required=required, choices=choices
        )
        for i, (label, help_text, kind, required, choices) in enumerate(fields, start=1)
    )
    Criterion.objects.bulk_create(
        Criterion(call=call, position=i, label=label, description=description, weight=weight, max_score=5)
        for i, (label, description, weight) in enumerate(criteria, start=1)
    )


def _candidates(count: int) -> list[dict]:
    """Demo poles with a coordinator first (they apply for their pole), then would-be poles."""
    chosen, seen = [], set()
    coordinators = (
        Membership.objects.filter(
            pole__is_demo=True,
            status=MembershipStatus.ACTIVE,
            role__in=[Role.COORDINATOR, Role.ADMIN],
            person__isnull=False,
        )
        .select_related("pole", "person")
        .order_by("pole__name", "role", "pk")
    )
    for membership in coordinators:
        if membership.pole_id in seen or len(chosen) >= count // 2:
            continue
        seen.add(membership.pole_id)
        chosen.append(
            {"pole": membership.pole, "applicant": membership.person, "territory": membership.pole.territory_name}
        )
    for n, (name, territory) in enumerate(_would_be(count - len(chosen)), start=1):
        person = _user(f"porteur.{n:02d}@ptce-en-projet.demo", f"Porteur du projet {n:02d}")
        chosen.append({"pole": None, "pole_name": name, "applicant": person, "territory": territory})
    return chosen


def _answers(fields: list[CallField], rng: random.Random, stage: str) -> dict:
    by_kind = {f.kind: f for f in fields}
    return {
        by_kind[
            FieldKind.LONG_TEXT
        ].key: "Le pôle réunit des structures de l’ESS, des entreprises et des collectivités "
        "autour de projets de territoire : alimentation, mobilité, réemploi.",
        by_kind[FieldKind.NUMBER].key: str(rng.randint(8, 60)),
        by_kind[FieldKind.CHOICE].key: stage,
        by_kind[FieldKind.YES_NO].key: rng.random() < 0.7,
    }


def _submit_directly(call: Call, candidate: dict, *, kind: str, answers: dict, at: datetime.datetime) -> Application:
    """The demo writes past submissions as they were, without re-sending their receipts."""
    application = Application(
        call=call,
        kind=kind,
        applicant=candidate["applicant"],
        pole=candidate["pole"],
        pole_name=candidate.get("pole_name", ""),
        territory=candidate["territory"],
        contact_name=candidate["applicant"].public_name,
        contact_email=candidate["applicant"].email,
        answers=answers,
        status=ApplicationStatus.SUBMITTED,
        reference=services._next_reference(at),
        submitted_at=at,
    )
    application.refresh_search_text()
    application.save()
    ApplicationEvent.objects.create(application=application, what="submitted", by=candidate["applicant"], at=at)
    return application


def seed_decided_call(*, now: datetime.datetime, admin: User, reviewers: list[User]) -> Call:
    rng = random.Random(2026)
    call = Call.objects.create(
        title=DECIDED_TITLE,
        summary="Identifier les PTCE du pays et retenir des pôles témoins accompagnés pendant deux ans.",
        text=DECIDED_TEXT,
        opens_at=timezone.make_aware(DECIDED_OPENS),
        closes_at=timezone.make_aware(DECIDED_CLOSES),
        status=CallStatus.CLOSED,
        is_demo=True,
        created_by=admin,
    )
    CallStatusChange.objects.create(
        call=call, from_status=CallStatus.DRAFT, to_status=CallStatus.PUBLISHED, by=admin, at=call.opens_at
    )
    CallStatusChange.objects.create(
        call=call, from_status=CallStatus.PUBLISHED, to_status=CallStatus.CLOSED, by=admin, at=call.closes_at
    )
    _form(call)
    fields = list(call.fields.all())
    quality = {}
    for n, candidate in enumerate(_candidates(APPLICATIONS)):
        # A quarter are expressions of interest, as in the real call (40 of about 150).
        kind = ApplicationKind.EXPRESSION if n % 4 == 3 else ApplicationKind.APPLICATION
        stage = (
            "En émergence" if kind == ApplicationKind.EXPRESSION else rng.choice(["Opérationnel", "En développement"])
        )
        # Submitted during office hours, between the fifth and the fifty-eighth day.
        at = call.opens_at + datetime.timedelta(days=rng.randint(5, 58), hours=rng.randint(0, 8))
        application = _submit_directly(call, candidate, kind=kind, answers=_answers(fields, rng, stage), at=at)
        quality[application.pk] = rng.uniform(1.5, 4.6) - (0.8 if kind == ApplicationKind.EXPRESSION else 0)
    for reviewer in reviewers:
        services.reviewer_add(call=call, user=reviewer, by=admin)
    services.assignments_distribute(call=call, by=admin, per_application=2)
    # One reviewer knows a candidate too well: they step aside and the file goes to the third.
    first = call.applications.order_by("reference").first().assignments.order_by("pk").first()
    services.assignment_declare_conflict(
        assignment=first, by=first.reviewer, note="Membre du conseil d’administration d’une structure du pôle."
    )
    services.assignments_distribute(call=call, by=admin, per_application=2)
    criteria = list(call.criteria.all())
    assignments = Assignment.objects.filter(application__call=call, conflict=False)
    # Past reviews are written as they were, in bulk: 300 reviews through the service made
    # up half the time of seeding the whole demo (the service is tested on its own).
    scores, reviewed = [], []
    for assignment in assignments:
        level = quality[assignment.application_id]
        scores += [
            Score(
                assignment=assignment,
                criterion=criterion,
                score=max(0, min(5, round(level + rng.uniform(-1, 1)))),
                comment="Appréciation du comité (démo).",
            )
            for criterion in criteria
        ]
        assignment.completed_at = call.closes_at
        reviewed.append(assignment)
    Score.objects.bulk_create(scores)
    Assignment.objects.bulk_update(reviewed, ["completed_at"])
    _criteria, rows = selectors.call_results(call=call)
    for position, row in enumerate(rows):
        retained = position < RETAINED
        services.application_decide(
            application=row.application,
            decision=Decision.RETAINED if retained else Decision.NOT_RETAINED,
            note="Retenu comme pôle témoin." if retained else "Le comité encourage une nouvelle candidature.",
            by=admin,
        )
    # Outcomes "sent" in the past: no e-mail goes out from the demo.
    sent_at = call.closes_at + datetime.timedelta(days=45)
    call.applications.update(outcome_sent_at=sent_at)
    CallStatusChange.objects.create(
        call=call, from_status=CallStatus.CLOSED, to_status=CallStatus.DECIDED, by=admin, at=sent_at
    )
    Call.objects.filter(pk=call.pk).update(status=CallStatus.DECIDED, outcomes_sent_at=sent_at)
    call.refresh_from_db()
    return call


def seed_open_call(*, now: datetime.datetime, admin: User, reviewers: list[User]) -> Call:
    rng = random.Random(2027)
    call = Call.objects.create(
        title=OPEN_TITLE,
        summary="Un appui de deux ans pour les pôles en émergence et leurs territoires.",
        text=OPEN_TEXT,
        opens_at=now - datetime.timedelta(days=10),
        closes_at=now + datetime.timedelta(days=45),
        status=CallStatus.PUBLISHED,
        is_demo=True,
        created_by=admin,
    )
    CallStatusChange.objects.create(
        call=call, from_status=CallStatus.DRAFT, to_status=CallStatus.PUBLISHED, by=admin, at=call.opens_at
    )
    _form(call, criteria=CRITERIA[:4])
    fields = list(call.fields.all())
    for reviewer in reviewers:
        CallReviewer.objects.get_or_create(call=call, user=reviewer)
    for n, candidate in enumerate(_candidates(APPLICATIONS)[-3:]):
        answers = _answers(fields, rng, "En émergence")
        if n < 2:
            _submit_directly(
                call,
                candidate,
                kind=ApplicationKind.EXPRESSION,
                answers=answers,
                at=now - datetime.timedelta(days=5 - n),
            )
        else:
            draft = Application(
                call=call,
                kind=ApplicationKind.APPLICATION,
                applicant=candidate["applicant"],
                pole=candidate["pole"],
                pole_name=candidate.get("pole_name", ""),
                territory=candidate["territory"],
                contact_email=candidate["applicant"].email,
                answers=answers,
            )
            draft.refresh_search_text()
            draft.save()
    return call


def seed_calls_network_demo(*, now: datetime.datetime | None = None) -> dict:
    """Create both demo calls once; running it again changes nothing."""
    now = now or timezone.now()
    with transaction.atomic():
        admin = _admin()
        reviewers = [_user(email, name) for email, name in REVIEWERS]
        decided = Call.objects.filter(is_demo=True, title=DECIDED_TITLE).first()
        if decided is None:
            decided = seed_decided_call(now=now, admin=admin, reviewers=reviewers)
        open_call = Call.objects.filter(is_demo=True, title=OPEN_TITLE).first()
        if open_call is None:
            open_call = seed_open_call(now=now, admin=admin, reviewers=reviewers)
    return {"decided": decided, "open": open_call, "reviewers": reviewers}
