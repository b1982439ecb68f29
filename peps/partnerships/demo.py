"""Demo needs, offers and one accepted partnership for a pole of the demo seed.

Called by the lead from peps/demo (`seed_partnerships_demo(pole)`); running it twice adds nothing."""

from dataclasses import dataclass

from django.db import transaction

from peps.core.text import build_search_text
from peps.directory.models import RepresentativeStatus

from .matching_adapter import index_after_write
from .models import Need, Offer, Partnership, PartnershipEvent, PartnershipStatus, Reach

LOCAL_NEED = "Un local de 50 m² à Roanne deux soirs par semaine"

# Each project's needs: (start of the project's title, [(category, title, description, details)]).
# The details are the optional answers of the need form (kind, capacity, days…).
NEEDS = [
    (
        "Restaurant d’insertion",
        [
            (
                "premises",
                LOCAL_NEED,
                "Pour nos ateliers du soir (cuisine, couture, réparation) : une salle d’environ "
                "50 m² à Roanne, accessible, avec des tables, le mardi et le jeudi de 18 h à 22 h.",
                {"kind": "meeting_room", "capacity": 15, "area_m2": 50, "weekdays": ["tue", "thu"],
                 "day_parts": ["evening"], "beneficiaries": ["association", "employer"]},
            ),
            (
                "volunteering",
                "Des bénévoles pour l’accueil du public le samedi",
                "Accueillir les habitants, présenter le projet, tenir la caisse solidaire, deux samedis par mois.",
                {"kind": "regular", "weekdays": ["sat"]},
            ),
        ],
    ),
    (
        "Épicerie vrac itinérante",
        [
            (
                "equipment",
                "Un camion frigorifique deux jours par semaine",
                "Transporter des produits frais des fermes des Côtes roannaises vers les villages, le mardi et le vendredi.",
                {"weekdays": ["tue", "fri"]},
            ),
            (
                "funding",
                "Un prêt d’honneur pour l’achat du premier stock",
                "Environ 8 000 € pour démarrer l’activité.",
                {"kind": "loan", "beneficiaries": ["company"]},
            ),
        ],
    ),
    (
        "Conserverie de légumes",
        [
            (
                "skills",
                "Comptabilité à temps partiel",
                "Tenir la comptabilité et préparer le bilan, une journée par mois.",
                {"remote_ok": True},
            ),
            (
                "outlet",
                "Des restaurants et cantines pour nos conserves",
                "Vendre soupes et conserves de légumes locaux en circuit court aux restaurants et cantines du Roannais.",
                {},
            ),
        ],
    ),
    (
        "Recyclerie des matériaux",
        [
            (
                "premises",
                "Un entrepôt pour stocker des matériaux du bâtiment",
                "Au moins 200 m² couverts près de Mably ou Roanne pour trier portes, fenêtres et carrelages.",
                {"kind": "storage", "area_m2": 200},
            ),
            (
                "networking",
                "Rencontrer les entreprises du bâtiment du Roannais",
                "Être présentés aux artisans et aux entreprises de démolition pour récupérer leurs matériaux.",
                {},
            ),
        ],
    ),
]  # fmt: skip

# (start of the owner structure's name, category, title, description, details): each offer
# belongs to a structure whose trade it is; a pole without that structure uses another one.
OFFERS = [
    ("Fédération des centres sociaux", "premises", "Salle d’activité de 60 m² libre en soirée",
     "Notre salle de 60 m² au centre de Roanne, avec tables et cuisine, est libre le soir en semaine.",
     {"kind": "meeting_room", "capacity": 30, "area_m2": 60, "weekdays": ["mon", "tue", "wed", "thu", "fri"],
      "day_parts": ["evening"]}),
    ("Centre de formation des bénévoles", "premises", "Bureau partagé en coworking",
     "Deux postes de travail disponibles la journée, wifi et imprimante.",
     {"kind": "office", "capacity": 2, "day_parts": ["morning", "afternoon"]}),
    ("Pack’Services", "premises", "Local de stockage de 300 m²", "Entrepôt couvert, accessible en camion, loué à petit prix.",
     {"kind": "storage", "area_m2": 300}),
    ("Commune de Renaison", "premises", "Salle de réunion à prêter", "Une salle de 20 personnes, en journée, sur réservation.",
     {"kind": "meeting_room", "capacity": 20, "day_parts": ["morning", "afternoon"], "served_departements": ["42"]}),
    ("Cuisine coopérative", "premises", "Cuisine professionnelle à partager", "Cuisine aux normes disponible les après-midi.",
     {"kind": "kitchen", "day_parts": ["afternoon"]}),
    ("Jardins solidaires", "equipment", "Camion frigorifique à partager",
     "Notre camion de 12 m³ est libre le mardi et le vendredi.", {"weekdays": ["tue", "fri"]}),
    ("Café associatif", "equipment", "Vidéoprojecteur et sono", "Matériel pour vos réunions publiques et événements.", {}),
    ("Atelier Coop’Bois", "equipment", "Outillage de menuiserie", "Établis et machines à bois, avec formation à l’usage.", {}),
    ("Union sportive", "equipment", "Minibus de 9 places", "Pour vos sorties et transports de groupes, le week-end.",
     {"capacity": 9, "weekdays": ["sat", "sun"]}),
    ("Coopérative d’activités", "skills", "Comptabilité pour les associations",
     "Tenue des comptes et bilan annuel, à tarif solidaire.", {"remote_ok": True}),
    ("Union régionale des SCOP", "skills", "Conseil juridique pour créer une SCIC", "Accompagnement aux statuts coopératifs.",
     {"remote_ok": True, "travels": True}),
    ("Imprimerie des Bords de Loire", "skills", "Graphisme et communication",
     "Logo, affiches et réseaux sociaux pour les projets du territoire.", {"remote_ok": True}),
    ("La Marmite solidaire", "skills", "Formation à l’hygiène alimentaire", "Formation HACCP pour les projets de restauration.",
     {"travels": True}),
    ("Vélo-école", "skills", "Réparation de vélos", "Atelier et savoir-faire pour former des bénévoles.", {}),
    ("Finance solidaire", "funding", "Prêts d’honneur à taux zéro",
     "Pour les créateurs d’activité de l’économie sociale et solidaire.", {"kind": "loan", "served_departements": ["42"]}),
    ("Finance solidaire", "funding", "Épargne solidaire locale",
     "Un club d’investisseurs citoyens soutient les projets du Roannais.", {"kind": "equity", "beneficiaries": ["company"]}),
    ("Fondation Fil d’Ariane", "funding", "Micro-dons pour les associations",
     "Un fonds de dotation finance de petits projets locaux.", {"kind": "donation", "beneficiaries": ["association"]}),
    ("Sport pour tous", "volunteering", "Bénévoles pour vos événements", "Une équipe de bénévoles disponibles le samedi.",
     {"kind": "one_off", "weekdays": ["sat"]}),
    ("Couveuse d’entreprises", "volunteering", "Retraités pour du tutorat", "Des retraités accompagnent les porteurs de projet.",
     {"kind": "regular", "skilled": True}),
    ("Fédération des centres sociaux", "volunteering", "Jeunes en service civique",
     "Des volontaires pour des missions d’intérêt général.", {"kind": "regular"}),
    ("Cuisine coopérative", "outlet", "Cantine scolaire cherchant des produits locaux",
     "Achat de légumes et conserves en circuit court.", {"served_departements": ["42"]}),
    ("Le Panier du Coteau", "outlet", "Épicerie coopérative : place en rayon",
     "Nous vendons les produits des projets du territoire.", {}),
    ("AMAP des Côtes roannaises", "outlet", "Marché de producteurs du samedi", "Un stand à partager au marché de Roanne.",
     {"weekdays": ["sat"], "day_parts": ["morning"]}),
    ("Jardins solidaires", "supplier", "Légumes bio en gros", "Maraîchers du Roannais, livraison hebdomadaire.", {}),
    ("Menuiserie Ferrand", "supplier", "Bois local scié", "Scierie du territoire, bois de pays pour vos aménagements.", {}),
    ("Imprimerie des Bords de Loire", "supplier", "Impression solidaire",
     "Imprimerie en insertion : affiches, flyers, brochures.", {}),
    ("Menuiserie Ferrand", "networking", "Présentation aux entreprises du bâtiment",
     "Nous animons le club des artisans du Roannais.", {}),
    ("Roannais Agglomération", "networking", "Rencontres des élus locaux",
     "Mise en relation avec les communes et l’agglomération.", {}),
    ("Fablab du Coteau", "networking", "Réseau des tiers-lieux de la Loire",
     "Nous vous présentons aux tiers-lieux du département.", {"remote_ok": True}),
    ("Fablab du Coteau", "other", "Hébergement de sites web associatifs", "Hébergement gratuit pour les associations du pôle.",
     {"remote_ok": True}),
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
    projects = list(pole.projects.select_related("holder", "commune").order_by("created_at", "pk"))
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
        for index, (title_start, rows) in enumerate(NEEDS):
            project = _owner(projects, title_start, lambda p: p.title, index)
            for category, title, description, details in rows:
                needs.append(_need(pole, project, category, title, description, details))
        # Saved one by one (a few dozen rows) and indexed as the services do.
        for need in needs:
            need.save()
            index_after_write(need)
        offers = []
        for index, (owner_start, category, title, description, details) in enumerate(OFFERS):
            structure = _owner(structures, owner_start, lambda s: s.name, index)
            offers.append(
                _offer(pole, structure, category, title, description, details, territory=bool(details.get("remote_ok")))
            )
        for offer in offers:
            offer.save()
            index_after_write(offer)
        report.needs, report.offers = len(needs), len(offers)
        report.partnerships = _accepted_partnership(pole, needs[0], offers[0])
    return report


def _owner(candidates: list, start: str, name, index: int):
    """The candidate whose name starts with `start` (the demo's own pole), else one in turn
    (other poles of the seed, which have other names)."""
    for candidate in candidates:
        if name(candidate).startswith(start):
            return candidate
    return candidates[index % len(candidates)]


def _fields(category, title, description) -> dict:
    return {
        "category": category,
        "title": title,
        "description": description,
        "search_text": build_search_text(title, description),
    }


def _need(pole, project, category, title, description, details) -> Need:
    commune = project.commune
    return Need(
        **details,
        pole=pole,
        project=project,
        created_by=project.holder,
        reach=Reach.AROUND if commune else Reach.TERRITORY,
        commune=commune,
        radius_km=15,
        **_fields(category, title, description),
    )


def _offer(pole, structure, category, title, description, details, *, territory: bool) -> Offer:
    approved = [r.person for r in structure.representatives.all() if r.status == RepresentativeStatus.APPROVED]
    return Offer(
        **details,
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
