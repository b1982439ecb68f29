"""Synthetic data at scale (region, national, or custom counts) for load tests and the
benchmark: fictitious rows on real territories, written pole by pole with bulk_create."""

import datetime
import random
import time
from collections import Counter
from dataclasses import dataclass, field, replace

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone, translation
from django.utils.text import slugify

from peps.accounts.models import User
from peps.core.text import build_search_text
from peps.core.visibility import Visibility
from peps.directory.models import LegalForm, Representative, RepresentativeStatus, Sector, Structure
from peps.network.services import profile_locate
from peps.poles.models import (
    College,
    Membership,
    MembershipFee,
    Pole,
    PoleKind,
    PoleLegalForm,
    Role,
    TerritoryUnit,
    TerritoryUnitKind,
)
from peps.projects.models import (
    Comment,
    Follow,
    LogEntryKind,
    Project,
    ProjectVisibility,
    Referral,
    RequestKind,
    StageChange,
    Support,
    SupportLogEntry,
)
from peps.projects.stages import PIPELINE, Stage
from peps.territory.models import Arrondissement, Commune

from . import demo_data
from .bulk import Progress, demo_password_hash, explicit_dates, fake_rna, fake_siren, fake_siret

BENCH_POLE_SLUG = "pole-001"
BENCH_COORDINATOR_EMAIL = "bench-coordinator@peps.test"
BENCH_MEMBER_EMAIL = "bench-member@peps.test"
# The arrondissement of Roanne, so that pole-001 sits where the demo does when it exists.
PREFERRED_FIRST_TERRITORY = "422"
BATCH = 5000


@dataclass(frozen=True)
class Scale:
    poles: int
    structures: int
    people: int
    projects: int
    comments: int


SCALES = {
    "national": Scale(poles=100, structures=200_000, people=100_000, projects=50_000, comments=500_000),
    "region": Scale(poles=10, structures=20_000, people=10_000, projects=5_000, comments=50_000),
}


class SeedError(Exception):
    pass


@dataclass
class SeedReport:
    scale: Scale
    seconds: float = 0.0
    rows: Counter = field(default_factory=Counter)


def scale_named(name: str, **overrides: int | None) -> Scale:
    base = SCALES.get(name, SCALES["region"])
    return replace(base, **{k: v for k, v in overrides.items() if v is not None})


def _split(total: int, parts: int) -> list[int]:
    """`total` shared between `parts` as evenly as possible."""
    return [total // parts + (1 if index < total % parts else 0) for index in range(parts)]


# --- vocabulary ----------------------------------------------------------------------------
FIRST_NAMES = (
    "Camille Léa Manon Chloé Emma Inès Sarah Julie Lucie Anaïs Claire Sophie Élodie Nadia Fatima Aïcha Marie "
    "Anne Hélène Isabelle Martine Sandrine Nathalie Céline Laure Agnès Mathilde Zoé Louise Jeanne Lucas Hugo "
    "Thomas Nicolas Julien Antoine Pierre Paul Louis Mathis Karim Youssef Mehdi Olivier Marc Bernard Jacques "
    "Michel Alain Patrick Romain Yannick Gilles Vincent Sébastien Théo Nathan Arthur Baptiste Samuel"
).split()
LAST_NAMES = (
    "Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefebvre Michel "
    "Garcia David Bertrand Roux Vincent Fournier Morel Girard André Mercier Dupont Lambert Bonnet François "
    "Martinez Legrand Garnier Faure Rousseau Blanc Guérin Muller Henry Roussel Nicolas Perrin Morin Mathieu "
    "Clément Gauthier Dumont Lopez Fontaine Chevalier Robin Masson Sanchez Gérard Nguyen Boyer Denis Lemaire "
    "Duval Joly Gautier Roger Roche Roy Noël Meyer Lucas Meunier Jean Perez Marchand Dufour Blanchard Marie "
    "Barbier Brun Dumas Brunet Schmitt Leroux Colin Fernandez Benali Haddad Zerrouki Chazal Vial Tissot"
).split()
SKILLS = [
    "Comptabilité",
    "Gestion associative",
    "Communication",
    "Cuisine",
    "Maraîchage",
    "Menuiserie",
    "Mécanique vélo",
    "Animation",
    "Droit des associations",
    "Graphisme",
    "Informatique",
    "Couture",
    "Accueil du public",
    "Logistique",
    "Recherche de financements",
    "Bâtiment",
    "Médiation culturelle",
    "Éducation populaire",
    "Énergies renouvelables",
    "Aide à la personne",
]
OFFERS = [
    "Quelques heures par mois",
    "Prêt de matériel",
    "Relecture de dossiers",
    "Mise en relation",
    "Accueil de stagiaires",
    "Un local le week-end",
    "Conseils techniques",
    "Animation d’ateliers",
]
# Themes of structures: (words in the name, summary, sector slugs)
THEMES = [
    ("Jardins partagés", "Jardins collectifs et ateliers de jardinage au naturel.", ["agriculture", "environnement"]),
    ("Ressourcerie", "Collecte, réparation et revente d’objets.", ["environnement", "insertion"]),
    ("Épicerie solidaire", "Produits de qualité à prix accessibles.", ["alimentation", "commerce"]),
    ("Atelier vélo", "Réparation et apprentissage du vélo.", ["mobilite", "sport"]),
    ("Café associatif", "Un lieu de rencontre, de concerts et d’ateliers.", ["culture", "alimentation"]),
    ("Tiers-lieu", "Coworking, fablab et activités partagées.", ["numerique", "formation"]),
    ("Cuisine partagée", "Cuisine professionnelle louée aux porteurs de projets.", ["alimentation"]),
    ("Compagnie théâtrale", "Spectacles et ateliers dans les villages.", ["culture"]),
    ("Aide à domicile", "Services à la personne et aux familles.", ["sante-social"]),
    ("Garage solidaire", "Réparations automobiles à prix solidaires.", ["mobilite", "insertion"]),
    ("Centrale solaire citoyenne", "Production d’énergie renouvelable par les habitants.", ["energie"]),
    ("Habitat partagé", "Logements partagés et intergénérationnels.", ["habitat"]),
    ("Boutique de réemploi textile", "Vêtements de seconde main et upcycling.", ["textile", "commerce"]),
    ("Ferme pédagogique", "Accueil des écoles et vente à la ferme.", ["agriculture", "formation"]),
    ("Gîte de groupe", "Hébergement associatif pour groupes et randonneurs.", ["hebergement"]),
    ("Club omnisports", "Sport pour tous, sport adapté.", ["sport"]),
    ("Microcrédit solidaire", "Prêts d’honneur et garanties.", ["finance-solidaire"]),
    ("Chantier nature", "Entretien d’espaces naturels par des salariés en insertion.", ["environnement", "insertion"]),
]
FORM_PREFIX = {
    LegalForm.ASSOCIATION: "Association",
    LegalForm.SCOP: "SCOP",
    LegalForm.SCIC: "SCIC",
    LegalForm.MUTUELLE: "Mutuelle",
    LegalForm.FONDATION: "Fondation",
    LegalForm.SIAE: "Chantier d’insertion",
    LegalForm.ENTREPRISE_ADAPTEE: "Entreprise adaptée",
    LegalForm.PME: "PME",
    LegalForm.COLLECTIVITE: "Service municipal",
    LegalForm.ENSEIGNEMENT: "Campus",
    LegalForm.MUSEE: "Musée",
    LegalForm.RESEAU: "Réseau",
    LegalForm.AUTRE: "Collectif",
}
FORM_WEIGHTS = {
    LegalForm.ASSOCIATION: 45,
    LegalForm.SCOP: 6,
    LegalForm.SCIC: 5,
    LegalForm.MUTUELLE: 2,
    LegalForm.FONDATION: 2,
    LegalForm.SIAE: 8,
    LegalForm.ENTREPRISE_ADAPTEE: 3,
    LegalForm.PME: 12,
    LegalForm.COLLECTIVITE: 4,
    LegalForm.ENSEIGNEMENT: 3,
    LegalForm.MUSEE: 2,
    LegalForm.RESEAU: 3,
    LegalForm.AUTRE: 5,
}
# (title, domain, economic model)
PROJECT_IDEAS = [
    ("Restaurant d’insertion", "food", "market"),
    ("Épicerie itinérante", "retail", "market"),
    ("Conserverie de légumes locaux", "food", "market"),
    ("Recyclerie du bâtiment", "ecology", "market"),
    ("Nettoyage écologique", "ecology", "market"),
    ("Boutique de créateurs", "retail", "market"),
    ("Gîte pour saisonniers", "lodging", "associative"),
    ("Sport santé pour les aînés", "sport", "associative"),
    ("Auberge de jeunesse solidaire", "lodging", "associative"),
    ("Vélos-cargos partagés", "mobility", "associative"),
    ("Tiers-lieu culturel", "culture", "mixed"),
    ("Formation au numérique", "digital", "associative"),
    ("Magasin de producteurs", "farming", "market"),
    ("Habitat intergénérationnel", "housing", "associative"),
    ("Centrale solaire villageoise", "energy", "mixed"),
    ("Chantier d’insertion en maraîchage", "integration", "mixed"),
    ("Maison de santé participative", "health", "mixed"),
    ("Circuit touristique des savoir-faire", "tourism", "market"),
]
STAGE_WEIGHTS = {
    Stage.SUBMITTED: 20,
    Stage.STRUCTURING: 15,
    Stage.BUSINESS_MODEL: 12,
    Stage.FORMALISATION: 10,
    Stage.LAUNCH: 8,
    Stage.DEVELOPMENT: 8,
    Stage.PAUSED: 7,
    Stage.REDIRECTED: 8,
    Stage.ABANDONED: 6,
    Stage.COMPLETED: 6,
}
COMMENT_TEXTS = [*demo_data.COMMENTS, "Je suis partant·e.", "Quel calendrier prévoyez-vous ?", "Merci pour le partage."]
VISIBILITIES = [Visibility.PUBLIC, Visibility.MEMBERS, Visibility.COORDINATORS]


def stage_path(stage: str) -> list[str]:
    if stage in PIPELINE:
        return PIPELINE[: PIPELINE.index(stage) + 1]
    before = {Stage.REDIRECTED: 2, Stage.PAUSED: 3, Stage.ABANDONED: 2, Stage.COMPLETED: len(PIPELINE)}[stage]
    return [*PIPELINE[:before], stage]


def _territories(count: int, rng: random.Random) -> list[Arrondissement]:
    """One real arrondissement per pole (several poles share one when the data is small)."""
    candidates = list(Arrondissement.objects.annotate(n=Count("communes")).filter(n__gte=1).order_by("code"))
    if not candidates:
        raise SeedError("The territory is not imported: run `manage.py territory_import` first.")
    first = [a for a in candidates if a.code == PREFERRED_FIRST_TERRITORY]
    others = [a for a in candidates if a.code != PREFERRED_FIRST_TERRITORY]
    rng.shuffle(others)
    ordered = first + others
    return [ordered[index % len(ordered)] for index in range(count)]


def seed_synthetic(scale: Scale, *, seed: int = 2026, progress: bool = True, stream=None) -> SeedReport:
    """Create `scale.poles` synthetic poles and share the other counts between them."""
    if Pole.objects.filter(slug=BENCH_POLE_SLUG).exists():
        raise SeedError(f"Synthetic data is already there (pole {BENCH_POLE_SLUG!r}): use a fresh database.")
    if scale.poles < 1:
        raise SeedError("At least one pole is needed.")
    started = time.monotonic()
    rng = random.Random(seed)
    report = SeedReport(scale=scale)
    with transaction.atomic():
        existing = {s.slug for s in Sector.objects.all()}
        Sector.objects.bulk_create([Sector(slug=s, name=n) for s, n in demo_data.SECTORS if s not in existing])
    sectors = {s.slug: s for s in Sector.objects.all()}
    territories = _territories(scale.poles, rng)
    shares = zip(
        _split(scale.structures, scale.poles),
        _split(scale.people, scale.poles),
        _split(scale.projects, scale.poles),
        _split(scale.comments, scale.poles),
        strict=True,
    )
    bar = Progress(scale.poles, "Pôles", stream=stream) if progress else None
    password = demo_password_hash()
    with explicit_dates():
        for index, (territory, (n_structures, n_people, n_projects, n_comments)) in enumerate(
            zip(territories, shares, strict=True), start=1
        ):
            builder = _PoleBuilder(
                index=index, territory=territory, rng=rng, sectors=sectors, password=password, rows=report.rows
            )
            with transaction.atomic():
                builder.build(n_structures, max(n_people, 2), n_projects, n_comments)
            # The map's centre and regions of the pole (its territory was written directly).
            profile_locate(pole=builder.pole_obj)
            if bar:
                bar.advance()
    _analyze()
    report.seconds = time.monotonic() - started
    return report


def _analyze() -> None:
    """Fresh planner statistics: the query plans of the big lists depend on them."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


class _PoleBuilder:
    def __init__(self, *, index, territory, rng, sectors, password, rows: Counter):
        self.index = index
        self.slug = f"pole-{index:03d}"
        self.territory = territory
        self.rng = rng
        self.sectors = sectors
        self.password = password
        self.rows = rows
        self.now = timezone.now()
        self.communes = list(
            Commune.objects.filter(arrondissement_id=territory.code).only("code", "name", "departement_id")
        )

    def _save(self, model, objects: list) -> list:
        model.objects.bulk_create(objects, batch_size=BATCH)
        self.rows[model._meta.label] += len(objects)
        return objects

    def ago(self, max_days: int, min_days: int = 0) -> datetime.datetime:
        return self.now - datetime.timedelta(seconds=self.rng.randint(min_days * 86400, max_days * 86400))

    def build(self, n_structures: int, n_people: int, n_projects: int, n_comments: int) -> None:
        self.pole()
        self.people(n_people)
        self.structures(n_structures)
        self.projects(n_projects, n_comments)

    def pole(self) -> None:
        kind = [PoleKind.PTCE] * 7 + [PoleKind.RESOURCE, PoleKind.NETWORK, PoleKind.PREPARATION]
        name = self.territory.name
        self.pole_obj = Pole.objects.create(
            slug=self.slug,
            name=f"PTCE synthétique {self.index:03d} — {name}",
            short_name=f"PTCE {self.index:03d}",
            kind=kind[self.index % len(kind)],
            legal_form=[PoleLegalForm.ASSOCIATION, PoleLegalForm.SCIC, PoleLegalForm.CHARTER][self.index % 3],
            territory_name=name,
            tagline=f"Données synthétiques pour les tests de charge, sur l’arrondissement de {name}.",
            purpose=(
                "**Pôle synthétique**, généré pour mesurer la plateforme à l’échelle nationale.\n\n"
                "Fédérer, développer, accompagner, promouvoir l’économie sociale et solidaire du territoire."
            ),
            charter="Charte synthétique : coopérer, mutualiser, rendre compte.",
            contact_email=f"contact@{self.slug}.peps.test",
            is_demo=True,
            created_at=self.ago(2000, 1500),
        )
        self.rows["poles.Pole"] += 1
        TerritoryUnit.objects.create(
            pole=self.pole_obj,
            kind=TerritoryUnitKind.ARRONDISSEMENT,
            code=self.territory.code,
            label=f"Arrondissement de {name}",
        )
        self.colleges = College.objects.bulk_create(
            [
                College(pole=self.pole_obj, name=college, board_seats=seats, position=position)
                for position, (college, _description, seats) in enumerate(demo_data.POLLENS_COLLEGES)
            ]
        )

    def email(self, number: int) -> str:
        if self.index == 1 and number == 0:
            return BENCH_COORDINATOR_EMAIL
        if self.index == 1 and number == 2:
            return BENCH_MEMBER_EMAIL
        return f"{self.slug}.personne{number:06d}@peps.test"

    def people(self, count: int) -> None:
        rng, users = self.rng, []
        for number in range(count):
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            display = f"{first} {last}"
            commune = rng.choice(self.communes)
            skills = ", ".join(rng.sample(SKILLS, 2))
            offer = rng.choice(OFFERS)
            users.append(
                User(
                    email=self.email(number),
                    display_name=display,
                    first_name=first,
                    last_name=last,
                    commune_id=commune.code,
                    skills=skills,
                    offer=offer,
                    password=self.password,
                    profile_visibility=VISIBILITIES[number % 2],
                    search_text=build_search_text(display, skills, offer, commune.name),
                    date_joined=self.ago(1500, 30),
                )
            )
        self.users = self._save(User, users)
        self.coordinator = users[0]
        # Known accounts sign in through allauth, which wants a verified address.
        self._save(
            EmailAddress,
            [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users[:3]],
        )
        memberships = []
        for number, user in enumerate(users):
            role = (
                Role.COORDINATOR
                if number == 0
                else Role.ADMIN
                if number == 1
                else Role.BOARD
                if number < 14
                else Role.MEMBER
            )
            memberships.append(
                Membership(
                    pole_id=self.pole_obj.pk,
                    person_id=user.pk,
                    role=role,
                    college_id=rng.choice(self.colleges).pk,
                    joined_on=user.date_joined.date(),
                    charter_accepted_at=user.date_joined,
                    created_at=user.date_joined,
                )
            )
        self._save(Membership, memberships)

    def structures(self, count: int) -> None:
        rng = self.rng
        forms, weights = list(FORM_WEIGHTS), list(FORM_WEIGHTS.values())
        with translation.override(settings.LANGUAGE_CODE):  # search text is in the source language
            form_labels = {form: str(label) for form, label in LegalForm.choices}
        structures, sector_slugs = [], []
        for number in range(count):
            form = rng.choices(forms, weights)[0]
            words, summary, slugs = rng.choice(THEMES)
            commune = rng.choice(self.communes)
            name = f"{FORM_PREFIX[form]} {words} de {commune.name}"
            ids = {}
            if form in (LegalForm.ASSOCIATION, LegalForm.MUSEE):
                ids["rna"] = fake_rna(commune.departement_id, rng)
            elif form != LegalForm.COLLECTIVITE:
                ids["siren"] = fake_siren(rng)
                ids["siret"] = fake_siret(ids["siren"], rng)
            created = self.ago(2000, 10)
            structure = Structure(
                pole_id=self.pole_obj.pk,
                name=name,
                slug=f"{_slug_words(words)}-{commune.code}-{number}",
                legal_form=form,
                museum_status=rng.choice(["musee_de_france", "associatif", "preparation"])
                if form == LegalForm.MUSEE
                else "",
                commune_id=commune.code,
                summary=summary,
                description=f"{summary} Structure synthétique n° {number} du {self.pole_obj.short_name}.",
                address=f"{rng.randint(1, 120)} rue de la Coopération",
                address_visibility=rng.choice(VISIBILITIES),
                email=f"contact{number}@{self.slug}.peps.test",
                email_visibility=rng.choice(VISIBILITIES),
                phone=f"04 65 71 {number % 100:02d} {rng.randint(0, 99):02d}",
                phone_visibility=rng.choice(VISIBILITIES),
                contact_name=rng.choice(FIRST_NAMES),
                contact_visibility=rng.choice(VISIBILITIES),
                created_by_id=self.coordinator.pk,
                created_at=created,
                updated_at=created,
                **ids,
            )
            # Same parts as Structure.refresh_search_text (a test checks they agree), without
            # its per-row translated label lookup, which dominates at 200,000 rows.
            structure.search_text = build_search_text(
                name,
                summary,
                form_labels[form],
                commune.name,
                " ".join(sorted(self.sectors[s].name for s in slugs)),
                structure.description[:1000],
            )
            structures.append(structure)
            sector_slugs.append(slugs)
        self._save(Structure, structures)
        self.structure_list = structures
        through = Structure.sectors.through
        self._save(
            through,
            [
                through(structure_id=s.pk, sector_id=self.sectors[slug].pk)
                for s, slugs in zip(structures, sector_slugs, strict=True)
                for slug in slugs
            ],
        )
        college_of = {LegalForm.COLLECTIVITE: 1, LegalForm.RESEAU: 1, LegalForm.ENSEIGNEMENT: 2}
        memberships = [
            Membership(
                pole_id=self.pole_obj.pk,
                structure_id=s.pk,
                college_id=self.colleges[college_of.get(s.legal_form, 0)].pk,
                joined_on=s.created_at.date(),
                charter_accepted_at=s.created_at,
                created_at=s.created_at,
            )
            for s in structures
            if rng.random() < 0.6
        ]
        self._save(Membership, memberships)
        self._save(
            MembershipFee,
            [
                MembershipFee(
                    membership_id=m.pk,
                    year=2026,
                    amount=50,
                    paid_on=datetime.date(2026, 1 + rng.randint(0, 3), 15) if rng.random() < 0.8 else None,
                )
                for m in memberships
            ],
        )
        self._save(
            Representative,
            [
                Representative(
                    structure_id=s.pk,
                    person_id=rng.choice(self.users).pk,
                    title="Représentant·e",
                    status=RepresentativeStatus.APPROVED,
                    created_at=s.created_at,
                )
                for s in structures
                if rng.random() < 0.1
            ],
        )

    def projects(self, count: int, n_comments: int) -> None:
        if count == 0:
            return
        rng, users = self.rng, self.users
        stages, stage_weights = list(STAGE_WEIGHTS), list(STAGE_WEIGHTS.values())
        kinds = list(RequestKind.values)
        projects, paths = [], []
        for number in range(count):
            title, domain, model = rng.choice(PROJECT_IDEAS)
            commune = rng.choice(self.communes)
            stage = rng.choices(stages, stage_weights)[0]
            path = stage_path(stage)
            created = self.ago(1100, 20 * len(path))
            moments = [
                created + datetime.timedelta(days=20 * step, seconds=rng.randint(0, 86400)) for step in range(len(path))
            ]
            holder_structure = (
                rng.choice(self.structure_list).pk if self.structure_list and rng.random() < 0.25 else None
            )
            summary = f"{title} à {commune.name} : une idée pour le territoire, portée avec ses habitants."
            project = Project(
                pole_id=self.pole_obj.pk,
                title=f"{title} à {commune.name}",
                summary=summary,
                description=f"{summary}\n\nProjet synthétique n° {number}.",
                holder_id=rng.choice(users).pk,
                holder_structure_id=holder_structure,
                domain=domain,
                economic_model=model,
                commune_id=commune.code,
                visibility=ProjectVisibility.MEMBERS if rng.random() < 0.1 else ProjectVisibility.PUBLIC,
                stage=stage,
                stage_changed_at=moments[-1],
                request_kind=rng.choice(kinds),
                coordination_opened_at=moments[1] if len(moments) > 1 else None,
                created_at=created,
                updated_at=moments[-1],
            )
            project.refresh_search_text()
            projects.append(project)
            paths.append((path, moments))
        plans = self.plan_activity(projects, n_comments)
        self._save(Project, projects)
        self.history(projects, paths)
        self.activity(projects, plans)

    def history(self, projects, paths) -> None:
        changes, entries, referrals = [], [], []
        for project, (path, moments) in zip(projects, paths, strict=True):
            previous = ""
            for stage, moment in zip(path, moments, strict=True):
                changes.append(
                    StageChange(
                        project_id=project.pk,
                        from_stage=previous,
                        to_stage=stage,
                        by_id=project.holder_id if not previous else self.coordinator.pk,
                        reason="Motif enregistré par la coordination." if stage not in PIPELINE else "",
                        at=moment,
                    )
                )
                previous = stage
            if len(path) > 1:
                entries.append(
                    SupportLogEntry(
                        project_id=project.pk,
                        author_id=self.coordinator.pk,
                        kind=LogEntryKind.MEETING,
                        happened_on=moments[1].date(),
                        text="Rendez-vous de suivi : point sur l’avancement.",
                        created_at=moments[1],
                    )
                )
            if project.stage == Stage.REDIRECTED:
                referrals.append(
                    Referral(
                        project_id=project.pk,
                        network="Réseau régional d’accompagnement",
                        referred_on=moments[-1].date(),
                        by_id=self.coordinator.pk,
                        created_at=moments[-1],
                    )
                )
        self._save(StageChange, changes)
        self._save(SupportLogEntry, entries)
        self._save(Referral, referrals)

    def plan_activity(self, projects, n_comments: int) -> list[tuple[set, set, list]]:
        """Who follows, supports and comments on each project, decided before the projects
        are saved so that their counters go in with the INSERT (no UPDATE pass)."""
        rng, users = self.rng, self.users
        plans: list[tuple[set, set, list]] = []
        for project in projects:
            followers = {project.holder_id, *(u.pk for u in rng.sample(users, min(len(users), rng.randint(0, 4))))}
            supporters = {u.pk for u in rng.sample(users, min(len(users), rng.randint(0, 6)))} - {project.holder_id}
            plans.append((followers, supporters, []))
            project.followers_count = len(followers)
            project.supporters_count = len(supporters)
        for _ in range(n_comments):
            index = rng.randrange(len(projects))
            plans[index][2].append(rng.choice(users))
        for project, (_f, _s, authors) in zip(projects, plans, strict=True):
            project.comments_count = len(authors)
        return plans

    def activity(self, projects, plans) -> None:
        rng = self.rng
        follows, supports, comments = [], [], []
        for project, (followers, supporters, authors) in zip(projects, plans, strict=True):
            follows += [Follow(project_id=project.pk, person_id=p, created_at=project.created_at) for p in followers]
            supports += [Support(project_id=project.pk, person_id=p, created_at=project.created_at) for p in supporters]
            for author in authors:
                comments.append(
                    Comment(
                        project_id=project.pk,
                        author_id=author.pk,
                        text=rng.choice(COMMENT_TEXTS),
                        created_at=project.created_at + datetime.timedelta(minutes=rng.randint(10, 60 * 24 * 200)),
                    )
                )
        self._save(Follow, follows)
        self._save(Support, supports)
        self._save(Comment, comments)


def _slug_words(words: str) -> str:
    return slugify(words)[:40]
