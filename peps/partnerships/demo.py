"""Demo needs, offers and one accepted partnership for a pole of the demo seed.

Called by the lead from peps/demo (`seed_partnerships_demo(pole)`); running it twice adds nothing."""

from dataclasses import dataclass

from django.db import transaction

from peps.core.text import build_search_text
from peps.directory.models import RepresentativeStatus

from .models import Need, Offer, Partnership, PartnershipEvent, PartnershipStatus, Reach

LOCAL_NEED = "Un local de 50 m² à Roanne deux soirs par semaine"

# (category, title, description) of each project's needs, for the pole's first projects.
NEEDS = [
    [
        (
            "premises",
            LOCAL_NEED,
            "Pour nos ateliers du soir (cuisine, couture, réparation) : une salle d’environ "
            "50 m² à Roanne, accessible, avec des tables, le mardi et le jeudi de 18 h à 22 h.",
        ),
        (
            "volunteering",
            "Des bénévoles pour l’accueil du public le samedi",
            "Accueillir les habitants, présenter le projet, tenir la caisse solidaire, deux samedis par mois.",
        ),
    ],
    [
        (
            "equipment",
            "Un camion frigorifique deux jours par semaine",
            "Transporter des produits frais des fermes des Côtes roannaises vers les villages, le mardi et le vendredi.",
        ),
        ("funding", "Un prêt d’honneur pour l’achat du premier stock", "Environ 8 000 € pour démarrer l’activité."),
    ],
    [
        ("skills", "Comptabilité à temps partiel", "Tenir la comptabilité et préparer le bilan, une journée par mois."),
        (
            "outlet",
            "Des restaurants et cantines pour nos conserves",
            "Vendre soupes et conserves de légumes locaux en circuit court aux restaurants et cantines du Roannais.",
        ),
    ],
    [
        (
            "premises",
            "Un entrepôt pour stocker des matériaux du bâtiment",
            "Au moins 200 m² couverts près de Mably ou Roanne pour trier portes, fenêtres et carrelages.",
        ),
        (
            "networking",
            "Rencontrer les entreprises du bâtiment du Roannais",
            "Être présentés aux artisans et aux entreprises de démolition pour récupérer leurs matériaux.",
        ),
    ],
]

OFFERS = [
    ("premises", "Salle d’activité de 60 m² libre en soirée",
     "Notre salle de 60 m² au centre de Roanne, avec tables et cuisine, est libre le soir en semaine."),
    ("premises", "Bureau partagé en coworking", "Deux postes de travail disponibles la journée, wifi et imprimante."),
    ("premises", "Local de stockage de 300 m²", "Entrepôt couvert, accessible en camion, loué à petit prix."),
    ("premises", "Salle de réunion à prêter", "Une salle de 20 personnes, en journée, sur réservation."),
    ("premises", "Cuisine professionnelle à partager", "Cuisine aux normes disponible les après-midi."),
    ("equipment", "Camion frigorifique à partager", "Notre camion de 12 m³ est libre le mardi et le vendredi."),
    ("equipment", "Vidéoprojecteur et sono", "Matériel pour vos réunions publiques et événements."),
    ("equipment", "Outillage de menuiserie", "Établis et machines à bois, avec formation à l’usage."),
    ("equipment", "Minibus de 9 places", "Pour vos sorties et transports de groupes, le week-end."),
    ("skills", "Comptabilité pour les associations", "Tenue des comptes et bilan annuel, à tarif solidaire."),
    ("skills", "Conseil juridique pour créer une SCIC", "Accompagnement aux statuts coopératifs."),
    ("skills", "Graphisme et communication", "Logo, affiches et réseaux sociaux pour les projets du territoire."),
    ("skills", "Formation à l’hygiène alimentaire", "Formation HACCP pour les projets de restauration."),
    ("skills", "Réparation de vélos", "Atelier et savoir-faire pour former des bénévoles."),
    ("funding", "Prêts d’honneur à taux zéro", "Pour les créateurs d’activité de l’économie sociale et solidaire."),
    ("funding", "Épargne solidaire locale", "Un club d’investisseurs citoyens soutient les projets du Roannais."),
    ("funding", "Micro-dons pour les associations", "Un fonds de dotation finance de petits projets locaux."),
    ("volunteering", "Bénévoles pour vos événements", "Une équipe de bénévoles disponibles le samedi."),
    ("volunteering", "Retraités pour du tutorat", "Des retraités accompagnent les porteurs de projet."),
    ("volunteering", "Jeunes en service civique", "Des volontaires pour des missions d’intérêt général."),
    ("outlet", "Cantine scolaire cherchant des produits locaux", "Achat de légumes et conserves en circuit court."),
    ("outlet", "Épicerie coopérative : place en rayon", "Nous vendons les produits des projets du territoire."),
    ("outlet", "Marché de producteurs du samedi", "Un stand à partager au marché de Roanne."),
    ("supplier", "Légumes bio en gros", "Maraîchers du Roannais, livraison hebdomadaire."),
    ("supplier", "Bois local scié", "Scierie du territoire, bois de pays pour vos aménagements."),
    ("supplier", "Impression solidaire", "Imprimerie en insertion : affiches, flyers, brochures."),
    ("networking", "Présentation aux entreprises du bâtiment", "Nous animons le club des artisans du Roannais."),
    ("networking", "Rencontres des élus locaux", "Mise en relation avec les communes et l’agglomération."),
    ("networking", "Réseau des tiers-lieux de la Loire", "Nous vous présentons aux tiers-lieux du département."),
    ("other", "Hébergement de sites web associatifs", "Hébergement gratuit pour les associations du pôle."),
]  # fmt: skip


@dataclass
class PartnershipsDemoReport:
    needs: int = 0
    offers: int = 0
    partnerships: int = 0


def seed_partnerships_demo(pole) -> PartnershipsDemoReport:
    """Needs for the pole's first four projects, ~30 offers of its structures, and one accepted
    partnership for « un local de 50 m² à Roanne »."""
    report = PartnershipsDemoReport()
    if Need.objects.filter(pole=pole, title=LOCAL_NEED).exists():
        return report
    projects = list(pole.projects.select_related("holder", "commune").order_by("created_at", "pk")[: len(NEEDS)])
    structures = list(
        pole.structures.filter(is_active=True, commune__isnull=False)
        .select_related("commune")
        .prefetch_related("representatives__person")
        .order_by("name", "pk")
    )
    if not projects or not structures:
        return report
    with transaction.atomic():
        needs = []
        for project, rows in zip(projects, NEEDS, strict=False):
            for category, title, description in rows:
                needs.append(_need(pole, project, category, title, description))
        # Saved one by one (a few dozen rows): save signals keep the matching index up to date.
        for need in needs:
            need.save()
        offers = []
        for index, (category, title, description) in enumerate(OFFERS):
            structure = structures[index % len(structures)]
            offers.append(_offer(pole, structure, category, title, description, territory=index % 5 == 4))
        for offer in offers:
            offer.save()
        report.needs, report.offers = len(needs), len(offers)
        report.partnerships = _accepted_partnership(pole, needs[0], offers[0])
    return report


def _fields(category, title, description) -> dict:
    return {
        "category": category,
        "title": title,
        "description": description,
        "search_text": build_search_text(title, description),
    }


def _need(pole, project, category, title, description) -> Need:
    commune = project.commune
    return Need(
        pole=pole,
        project=project,
        created_by=project.holder,
        reach=Reach.AROUND if commune else Reach.TERRITORY,
        commune=commune,
        radius_km=15,
        **_fields(category, title, description),
    )


def _offer(pole, structure, category, title, description, *, territory: bool) -> Offer:
    approved = [r.person for r in structure.representatives.all() if r.status == RepresentativeStatus.APPROVED]
    return Offer(
        pole=pole,
        structure=structure,
        created_by=approved[0] if approved else None,
        reach=Reach.TERRITORY if territory else Reach.AROUND,
        commune=structure.commune,
        radius_km=25,
        **_fields(category, title, description),
    )


def _accepted_partnership(pole, need: Need, offer: Offer) -> int:
    partnership = Partnership.objects.create(
        pole=pole,
        project=need.project,
        need=need,
        offer=offer,
        partner_structure=offer.structure,
        proposed_by=need.project.holder,
        status=PartnershipStatus.ACCEPTED,
    )
    PartnershipEvent.objects.bulk_create(
        [
            PartnershipEvent(
                partnership=partnership,
                author=need.project.holder,
                to_status=PartnershipStatus.PROPOSED,
                message="Bonjour, votre salle conviendrait très bien à nos ateliers du mardi et du jeudi soir.",
            ),
            PartnershipEvent(
                partnership=partnership,
                author=offer.created_by,
                from_status=PartnershipStatus.PROPOSED,
                to_status=PartnershipStatus.ACCEPTED,
                message="Avec plaisir : passez nous voir pour les clés.",
            ),
        ]
    )
    return 1
