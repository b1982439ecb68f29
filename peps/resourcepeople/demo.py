"""Demo data of the pool of resource people: eight plausible (and clearly fictitious) people,
e-mails @exemple.demo, and two requests from POLLENS when that pole exists. Called by the
network demo; idempotent (people are found again by e-mail, requests by person and pole)."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from peps.core.text import fold
from peps.poles.models import Membership, MembershipStatus, Pole, Role
from peps.projects.models import Project
from peps.territory.models import Departement, Region

from .models import PersonVisibility, Purpose, RequestStatus, ResourcePerson, ResourceRequest

PEOPLE = [
    {
        "name": "Hélène Garnier",
        "headline": "Ancienne directrice financière d’une SCIC, bénévole en accompagnement",
        "skills": "Construction du modèle économique, plan de financement, dossiers de prêt d’honneur et "
        "de finance solidaire.",
        "tags": "modèle économique, financement, finance solidaire",
        "territories": "Roannais, Loire",
        "departements": ["42"],
        "availability": "Deux demi-journées par mois",
        "languages": "français, anglais",
        "visibility": PersonVisibility.PUBLIC,
    },
    {
        "name": "Karim Benali",
        "headline": "Accompagnateur de coopératives (SCOP, SCIC)",
        "skills": "Choix du statut, gouvernance coopérative, transmission d’entreprise aux salariés.",
        "tags": "gouvernance coopérative, statuts juridiques, reprise en SCOP",
        "territories": "Auvergne-Rhône-Alpes",
        "regions": ["84"],
        "availability": "En semaine, sur rendez-vous",
        "languages": "français, arabe",
        "visibility": PersonVisibility.PUBLIC,
    },
    {
        "name": "Sophie Marchand",
        "headline": "Chercheuse en économie territoriale",
        "skills": "Diagnostic de territoire, évaluation d’impact social, méthodes participatives.",
        "tags": "diagnostic territorial, évaluation d’impact, recherche",
        "territories": "national",
        "availability": "Bourses aux projets en soirée",
        "languages": "français, anglais, espagnol",
        "visibility": PersonVisibility.MEMBERS,
    },
    {
        "name": "Jean-Luc Perrin",
        "headline": "Chef d’entreprise retraité, ancien président d’un club d’entreprises",
        "skills": "Relations avec les entreprises du territoire, mécénat de compétences, stratégie commerciale.",
        "tags": "stratégie commerciale, mécénat de compétences, réseau d’entreprises",
        "territories": "Roannais, Charolais-Brionnais",
        "departements": ["42", "71"],
        "availability": "Une journée par semaine",
        "languages": "français",
        "visibility": PersonVisibility.PUBLIC,
    },
    {
        "name": "Aminata Diallo",
        "headline": "Chargée de mission insertion par l’activité économique",
        "skills": "Montage de chantiers d’insertion, conventionnement SIAE, partenariats avec l’emploi public.",
        "tags": "insertion, SIAE, emploi",
        "territories": "Loire, Rhône",
        "departements": ["42", "69"],
        "availability": "Mardis et jeudis",
        "languages": "français, wolof, anglais",
        "visibility": PersonVisibility.MEMBERS,
    },
    {
        "name": "Thomas Roux",
        "headline": "Animateur de circuits courts alimentaires",
        "skills": "Approvisionnement local, plateformes de producteurs, restauration collective.",
        "tags": "circuits courts, alimentation, logistique",
        "territories": "Massif central",
        "departements": ["03", "42", "63"],
        "availability": "Hors saison des récoltes",
        "languages": "français, occitan",
        "visibility": PersonVisibility.PUBLIC,
    },
    {
        "name": "Claire Vidal",
        "headline": "Juriste en droit associatif",
        "skills": "Statuts associatifs, fiscalité des associations, agréments ESUS.",
        "tags": "statuts juridiques, fiscalité, associations",
        "territories": "national, à distance",
        "availability": "Permanences téléphoniques le lundi",
        "languages": "français, allemand",
        "visibility": PersonVisibility.PUBLIC,
    },
    {
        "name": "Paul Lefèvre",
        "headline": "Conservateur honoraire, médiation du patrimoine",
        "skills": "Projets culturels et patrimoniaux, médiation, mise en réseau de musées.",
        "tags": "patrimoine, culture, médiation",
        "territories": "Roannais, Montagne bourbonnaise",
        "departements": ["42", "03"],
        "availability": "Une à deux rencontres par trimestre",
        "languages": "français, italien",
        "visibility": PersonVisibility.MEMBERS,
    },
]


@dataclass
class ResourcePeopleDemo:
    people: int
    requests: int


def _email(name: str) -> str:
    return fold(name).replace(" ", ".").replace("’", "").replace("'", "") + "@exemple.demo"


def seed_resourcepeople_network_demo() -> ResourcePeopleDemo:
    known_departements = set(Departement.objects.values_list("code", flat=True))
    known_regions = set(Region.objects.values_list("code", flat=True))
    people = []
    with transaction.atomic():
        for data in PEOPLE:
            data = dict(data)
            departements = [c for c in data.pop("departements", []) if c in known_departements]
            regions = [c for c in data.pop("regions", []) if c in known_regions]
            person = ResourcePerson.objects.filter(email=_email(data["name"])).first() or ResourcePerson(
                email=_email(data["name"])
            )
            for field, value in data.items():
                setattr(person, field, value)
            person.is_demo = True
            person.refresh_search_text()
            person.save()
            person.departements.set(departements)
            person.regions.set(regions)
            people.append(person)
        requests = _pollens_requests(people)
    return ResourcePeopleDemo(people=len(people), requests=requests)


def _pollens_requests(people: list[ResourcePerson]) -> int:
    pole = Pole.objects.filter(slug="pollens").first()
    if pole is None:
        return 0
    coordination = (
        Membership.objects.filter(pole=pole, status=MembershipStatus.ACTIVE, role__in=(Role.COORDINATOR, Role.ADMIN))
        .select_related("person")
        .order_by("pk")
        .first()
    )
    if coordination is None or coordination.person is None:
        return 0
    by = coordination.person
    project = Project.objects.filter(pole=pole).order_by("pk").first()
    wanted = [
        (
            people[0],
            {
                "purpose": Purpose.PROJECT if project else Purpose.OTHER,
                "project": project,
                "message": "Pouvez-vous relire le plan de financement du projet et rencontrer la porteuse "
                "lors d’un temps d’échange à l’espace ressources ?",
                "status": RequestStatus.PENDING,
            },
        ),
        (
            people[3],
            {
                "purpose": Purpose.BOURSE,
                "project": None,
                "message": "Accepteriez-vous de siéger à la prochaine Bourse aux projets de POLLENS pour "
                "conseiller les porteurs sur leur stratégie commerciale ?",
                "status": RequestStatus.ACCEPTED,
                "answer": "Avec plaisir, je serai présent.",
            },
        ),
    ]
    for person, fields in wanted:
        request = ResourceRequest.objects.filter(pole=pole, person=person).first()
        if request is None:
            request = ResourceRequest.objects.create(pole=pole, person=person, requested_by=by, **fields)
            if request.status != RequestStatus.PENDING:
                ResourceRequest.objects.filter(pk=request.pk).update(answered_at=timezone.now())
    return len(wanted)
