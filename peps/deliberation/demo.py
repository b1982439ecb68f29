"""Demo deliberation of POLLENS: the closed debate « Quel lieu pour la future ressourcerie ? »
with its synthesis, an open debate, a consultation whose retained proposal became a project;
and `seed_big_debate` for the benchmark of a debate page with 1,000 arguments."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from peps.demo.bulk import explicit_dates
from peps.poles.models import Membership, MembershipStatus, Pole, Role
from peps.projects.models import Domain, EconomicModel

from . import services
from .models import (
    Argument,
    Consultation,
    Debate,
    DebateStatus,
    DebateVisibility,
    Follow,
    Proposal,
    ProposalStatus,
    ProposalSupport,
    Reaction,
    Reply,
    Stance,
)

RESSOURCERIE_TITLE = "Quel lieu pour la future ressourcerie ?"
OPEN_DEBATE_TITLE = "Faut-il ouvrir le centre de ressources le samedi matin ?"
CONSULTATION_TITLE = "Vos idées pour l’économie solidaire en Roannais"

RESSOURCERIE_ARGUMENTS = [
    (
        Stance.PRO,
        "L’ancienne usine textile du Coteau : 1 200 m² de plain-pied, un quai de déchargement, et la ville est prête à un bail emphytéotique.",
    ),
    (
        Stance.PRO,
        "Le Coteau est desservi par deux lignes de bus : les bénévoles et les clients sans voiture pourront venir.",
    ),
    (
        Stance.PRO,
        "Réhabiliter une friche textile, c’est aussi un symbole pour le territoire : l’économie d’hier accueille celle de demain.",
    ),
    (Stance.PRO, "Le quartier manque de commerces : une boutique de réemploi y ramènerait du passage."),
    (Stance.PRO, "La surface permet d’ajouter plus tard un atelier vélo et une matériauthèque."),
    (
        Stance.CON,
        "Les travaux de mise aux normes de l’usine coûteraient au moins 300 000 € : le projet n’a pas ces fonds la première année.",
    ),
    (
        Stance.CON,
        "La déchèterie est à Mably : le local de la zone des Varennes, juste à côté, éviterait des kilomètres de camion.",
    ),
    (
        Stance.CON,
        "Un local commercial en centre-ville de Roanne aurait plus de visibilité pour la boutique, qui fait l’essentiel des recettes.",
    ),
    (Stance.CON, "Le bail emphytéotique engage sur 30 ans : c’est beaucoup pour une activité qui démarre."),
    (Stance.CON, "L’usine n’est pas chauffée : l’hiver, les valoristes travailleraient dans de mauvaises conditions."),
    (Stance.QUESTION, "A-t-on chiffré le coût d’un local loué en zone d’activité, pour comparer ?"),
    (Stance.QUESTION, "La Région finance-t-elle la réhabilitation de friches pour des activités de l’ESS ?"),
    (Stance.QUESTION, "Combien de tonnes par an la ressourcerie doit-elle collecter pour être à l’équilibre ?"),
]
RESSOURCERIE_REPLIES = {
    5: ["Le fonds friches de l’État peut couvrir une partie des travaux : à vérifier avant de conclure."],
    6: ["La zone des Varennes n’a pas de bus : c’est un vrai frein pour les salariés en insertion."],
    10: ["Oui : environ 1 800 € par mois pour 600 m² aux Varennes, d’après l’agence consultée en mars."],
    11: ["Oui, un appel à projets « recyclage foncier » existe ; la coordination se renseigne."],
}
RESSOURCERIE_SYNTHESIS = """\
**Ce qui ressort du débat** (13 arguments et questions, 4 réponses) :

- l’ancienne usine du Coteau fait consensus sur le **sens** (réhabiliter une friche) et sur
  l’**accès en bus**, mais son coût de mise aux normes dépasse les moyens de la première année ;
- le local des Varennes est **proche de la déchèterie** et moins cher, mais sans transport en commun.

**Proposition de la coordination** : démarrer deux ans dans un local loué aux Varennes avec une
navette les jours d’ouverture, et monter en parallèle le dossier « fonds friches » pour l’usine
du Coteau. La question sera présentée au conseil d’administration.
"""
OPEN_ARGUMENTS = [
    (
        Stance.PRO,
        "Beaucoup de porteurs de projet travaillent en semaine : le samedi matin est le seul moment où ils sont libres.",
    ),
    (
        Stance.CON,
        "Il faudrait des bénévoles pour tenir la permanence : la coordination ne peut pas travailler six jours sur sept.",
    ),
    (Stance.QUESTION, "Pourrait-on tester un samedi par mois pendant trois mois avant de décider ?"),
]
PROPOSALS = [
    (
        "Une conciergerie solidaire à la gare de Roanne",
        "Un point de dépôt de paniers de producteurs, de réparation de petits objets et de services de proximité,"
        " tenu par une structure d’insertion, pour les personnes qui travaillent hors du territoire.",
        ProposalStatus.RETAINED,
        "Retenue : la proposition répond à un besoin exprimé par plusieurs membres ; elle entre dans le parcours"
        " d’accompagnement du pôle.",
        12,
    ),
    (
        "Un annuaire papier des structures de l’ESS du Roannais",
        "Distribuer dans les mairies un petit guide des structures de l’ESS, pour les habitants qui ne vont pas sur Internet.",
        ProposalStatus.DISCUSSION,
        "",
        7,
    ),
    (
        "Une monnaie locale complémentaire",
        "Lancer une monnaie locale pour garder les achats dans les commerces du territoire.",
        ProposalStatus.REJECTED,
        "Pas retenue pour l’instant : un collectif citoyen porte déjà ce projet à l’échelle du département ;"
        " le pôle lui propose un partenariat plutôt qu’un second projet.",
        4,
    ),
    (
        "Des ateliers de réparation dans les villages",
        "Un repair café itinérant, une fois par mois, dans les salles des fêtes des communes rurales.",
        ProposalStatus.DISCUSSION,
        "",
        9,
    ),
]


@dataclass
class DeliberationDemo:
    debates: int
    arguments: int
    proposals: int
    projects: int


def _people(pole: Pole):
    memberships = (
        Membership.objects.filter(pole=pole, status=MembershipStatus.ACTIVE, person__isnull=False)
        .select_related("person")
        .order_by("pk")
    )
    coordinator = next((m.person for m in memberships if m.role in (Role.COORDINATOR, Role.ADMIN)), None)
    others = [m.person for m in memberships if m.person != coordinator]
    return coordinator, others


def _debate(pole, *, title, description, author, created_at, arguments, people, replies=None) -> Debate:
    """A debate and its arguments written directly (no notification: this is past activity)."""
    debate = Debate(
        pole=pole,
        title=title,
        description=description,
        author=author,
        visibility=DebateVisibility.PUBLIC,
        created_at=created_at,
        updated_at=created_at,
        followers_count=1,
    )
    debate.refresh_search_text()
    debate.save()
    Follow.objects.create(debate=debate, person=author, created_at=created_at)
    rows = [
        Argument(
            debate=debate,
            author=people[index % len(people)],
            stance=stance,
            text=text,
            created_at=created_at + datetime.timedelta(hours=5 * (index + 1)),
        )
        for index, (stance, text) in enumerate(arguments)
    ]
    Argument.objects.bulk_create(rows)
    counts = {stance: sum(1 for a in rows if a.stance == stance) for stance in Stance.values}
    # « Utile »: the first arguments of each side got a few reactions.
    reactions = []
    for index, argument in enumerate(rows):
        voters = [p for p in people if p != argument.author][: max(0, 5 - index % 5)]
        reactions += [Reaction(argument=argument, person=p, created_at=argument.created_at) for p in voters]
        argument.reactions_count = len(voters)
    Reaction.objects.bulk_create(reactions)
    reply_rows = []
    for index, texts in (replies or {}).items():
        argument = rows[index]
        for offset, text in enumerate(texts):
            reply_rows.append(
                Reply(
                    argument=argument,
                    author=people[(index + offset + 1) % len(people)],
                    text=text,
                    created_at=argument.created_at + datetime.timedelta(hours=2 + offset),
                )
            )
        argument.replies_count = len(texts)
    Reply.objects.bulk_create(reply_rows)
    Argument.objects.bulk_update(rows, ["reactions_count", "replies_count"])
    Debate.objects.filter(pk=debate.pk).update(
        pros_count=counts[Stance.PRO], cons_count=counts[Stance.CON], questions_count=counts[Stance.QUESTION]
    )
    debate.refresh_from_db()
    return debate


def seed_deliberation_demo(pole: Pole, *, now: datetime.datetime | None = None) -> DeliberationDemo:
    """Fill the pole's debates and consultations once (nothing happens the second time)."""
    if Debate.objects.filter(pole=pole, title=RESSOURCERIE_TITLE).exists():
        return DeliberationDemo(debates=0, arguments=0, proposals=0, projects=0)
    now = now or timezone.now()
    coordinator, others = _people(pole)
    if coordinator is None or not others:
        raise ValueError("The deliberation demo needs a coordinator and members in the pole.")
    people = others[:12] or [coordinator]
    with transaction.atomic(), explicit_dates():
        closed = _debate(
            pole,
            title=RESSOURCERIE_TITLE,
            description=(
                "La ressourcerie du Roannais cherche ses murs. Deux lieux sont sur la table : l’ancienne usine"
                " textile du Coteau et un local loué dans la zone des Varennes. Quels sont vos arguments ?"
            ),
            author=people[0],
            created_at=now - datetime.timedelta(days=45),
            arguments=RESSOURCERIE_ARGUMENTS,
            people=people,
            replies=RESSOURCERIE_REPLIES,
        )
        Debate.objects.filter(pk=closed.pk).update(
            status=DebateStatus.CLOSED,
            synthesis=RESSOURCERIE_SYNTHESIS,
            closed_at=now - datetime.timedelta(days=10),
            closed_by=coordinator,
        )
        _debate(
            pole,
            title=OPEN_DEBATE_TITLE,
            description="Une demande revient souvent lors des *temps d’échange* : ouvrir aussi le samedi matin.",
            author=coordinator,
            created_at=now - datetime.timedelta(days=3),
            arguments=OPEN_ARGUMENTS,
            people=people,
        )
        today = timezone.localdate(now)
        consultation = Consultation.objects.create(
            pole=pole,
            title=CONSULTATION_TITLE,
            description=(
                "Le pôle prépare son programme d’actions pour l’an prochain. Proposez une activité, un service ou"
                " une coopération qui manque au territoire, et soutenez les propositions qui vous parlent."
            ),
            starts_on=today - datetime.timedelta(days=20),
            ends_on=today + datetime.timedelta(days=25),
            visibility=DebateVisibility.PUBLIC,
            open_to_citizens=True,
            created_by=coordinator,
            followers_count=1,
        )
        Follow.objects.create(consultation=consultation, person=coordinator)
        proposals = []
        for index, (title, body, status, answer, supports) in enumerate(PROPOSALS):
            author = people[(index + 2) % len(people)]
            proposal = Proposal.objects.create(
                consultation=consultation,
                author=author,
                title=title,
                body=body,
                status=status,
                answer=answer,
                answered_at=now - datetime.timedelta(days=2) if answer else None,
                answered_by=coordinator if answer else None,
                created_at=now - datetime.timedelta(days=18 - 3 * index),
            )
            supporters = [p for p in [coordinator, *others] if p != author][:supports]
            ProposalSupport.objects.bulk_create([ProposalSupport(proposal=proposal, person=p) for p in supporters])
            Proposal.objects.filter(pk=proposal.pk).update(supports_count=len(supporters))
            proposals.append(proposal)
        Consultation.objects.filter(pk=consultation.pk).update(proposals_count=len(proposals))
    # Through the real service, so the project is made exactly as the coordinators' button does.
    services.proposal_to_project(
        proposal=proposals[0], by=coordinator, domain=Domain.RETAIL, economic_model=EconomicModel.MIXED
    )
    return DeliberationDemo(
        debates=2,
        arguments=len(RESSOURCERIE_ARGUMENTS) + len(OPEN_ARGUMENTS),
        proposals=len(proposals),
        projects=1,
    )


def seed_big_debate(pole: Pole, arguments: int = 1000, *, replies_every: int = 4) -> Debate:
    """A debate with `arguments` arguments (for, against, questions) and some replies and
    reactions, for the benchmark of the debate page; written in bulk, in a few seconds."""
    coordinator, others = _people(pole)
    people = others[:50] or ([coordinator] if coordinator else [])
    if not people:
        raise ValueError("seed_big_debate needs at least one member in the pole.")
    now = timezone.now()
    stances = [Stance.PRO, Stance.CON, Stance.PRO, Stance.CON, Stance.QUESTION]
    with transaction.atomic(), explicit_dates():
        debate = Debate(
            pole=pole,
            title=f"Grand débat de test ({arguments} arguments)",
            description="Débat généré pour mesurer les performances de la page.",
            author=people[0],
            created_at=now - datetime.timedelta(days=30),
        )
        debate.refresh_search_text()
        debate.save()
        rows = [
            Argument(
                debate=debate,
                author=people[index % len(people)],
                stance=stances[index % len(stances)],
                text=f"Argument numéro {index + 1} : " + "un raisonnement développé sur plusieurs lignes. " * 3,
                reactions_count=(index * 7) % 23,
                created_at=now - datetime.timedelta(minutes=arguments - index),
            )
            for index in range(arguments)
        ]
        Argument.objects.bulk_create(rows, batch_size=500)
        reply_rows = []
        for index, argument in enumerate(rows):
            if replies_every and index % replies_every == 0:
                for offset in range(3):
                    reply_rows.append(
                        Reply(
                            argument=argument,
                            author=people[(index + offset + 1) % len(people)],
                            text=f"Réponse {offset + 1} à l’argument {index + 1}.",
                            created_at=argument.created_at + datetime.timedelta(seconds=offset + 1),
                        )
                    )
                argument.replies_count = 3
        Reply.objects.bulk_create(reply_rows, batch_size=500)
        Argument.objects.bulk_update([a for a in rows if a.replies_count], ["replies_count"], batch_size=500)
        counts = {stance: sum(1 for a in rows if a.stance == stance) for stance in Stance.values}
        Debate.objects.filter(pk=debate.pk).update(
            pros_count=F("pros_count") + counts[Stance.PRO],
            cons_count=F("cons_count") + counts[Stance.CON],
            questions_count=F("questions_count") + counts[Stance.QUESTION],
        )
    debate.refresh_from_db()
    return debate
