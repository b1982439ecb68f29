"""The Roannais demo: POLLENS (a resource pole) and the museums network, on the imported
territory, written straight with bulk_create in one transaction (see demo_data for content)."""

import datetime
import random
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from peps.accounts.models import User
from peps.core.identifiers import luhn_ok
from peps.core.text import build_search_text
from peps.core.visibility import Visibility
from peps.demo.capabilities import seed_capability_demos
from peps.directory.models import Representative, RepresentativeStatus, Sector, Structure
from peps.governance.demo import seed_charter_network_demo
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
    StageChange,
    Support,
    SupportLogEntry,
)
from peps.projects.stages import PIPELINE, Stage
from peps.territory.models import Commune

from . import demo_data as data
from .bulk import demo_password_hash, explicit_dates, fake_rna, fake_siren, fake_siret

POLLENS_SLUG = "pollens"
PATRIMOINES_SLUG = "patrimoines-roannais"
ROANNE_ARRONDISSEMENT = "422"
NETWORK_ADMIN_EMAIL = "admin@peps.demo"
COORDINATOR_EMAIL = "coordination@pollens.demo"
POLE_ADMIN_EMAIL = "bernard.lefevre@pollens.demo"
MEMBER_EMAIL = "thomas.girard@pollens.demo"
HOLDER_EMAIL = "samia.haddad@pollens.demo"
MUSEUMS_COORDINATOR_EMAIL = "animation@patrimoines.demo"

VISIBILITY_CYCLE = [Visibility.PUBLIC, Visibility.MEMBERS, Visibility.COORDINATORS]


class TerritoryMissing(Exception):
    """The demo sits on the real territory: it needs `territory_import` first."""


@dataclass
class DemoReport:
    poles: int
    structures: int
    people: int
    projects: int


def demo_exists() -> bool:
    return Pole.objects.filter(slug=POLLENS_SLUG).exists()


def seed_demo(*, now: datetime.datetime | None = None) -> DemoReport:
    """Create both demo poles and the network admin; all or nothing."""
    if not Commune.objects.filter(arrondissement_id=ROANNE_ARRONDISSEMENT).exists():
        raise TerritoryMissing(
            "The territory is not imported (no commune in the Roanne arrondissement, code 422): "
            "run `manage.py territory_import` first."
        )
    builder = _DemoBuilder(now or timezone.now())
    with transaction.atomic():
        with explicit_dates():
            builder.network_admin()
            builder.sectors()
            builder.pollens()
            builder.patrimoines()
        seed_capability_demos(Pole.objects.get(slug=POLLENS_SLUG))
        # The museums network runs by a charter: plenary meetings, a debate, an event.
        seed_charter_network_demo(Pole.objects.get(slug=PATRIMOINES_SLUG))
    return DemoReport(
        poles=2,
        structures=len(builder.structures),
        people=len(builder.people),
        projects=builder.project_count,
    )


class _DemoBuilder:
    def __init__(self, now: datetime.datetime):
        self.now = now
        self.rng = random.Random(2013)  # the year POLLENS had 40 members: same demo every time
        self.structures: list[Structure] = []
        self.people: dict[str, User] = {}
        self.sector_by_slug: dict[str, Sector] = {}
        self.project_count = 0
        self._communes: dict[tuple[str, str], Commune | None] = {}
        self._fallback = Commune.objects.filter(arrondissement_id=ROANNE_ARRONDISSEMENT).order_by("-population").first()

    # --- look-ups -------------------------------------------------------------------------
    def commune(self, name: str, departement: str = "42", *, fallback: bool = True) -> Commune | None:
        """A real commune by name and département; the demo does not hard-code INSEE codes."""
        key = (name, departement)
        if key not in self._communes:
            self._communes[key] = (
                Commune.objects.filter(name=name, departement_id=departement).order_by("-population").first()
            )
        return self._communes[key] or (self._fallback if fallback else None)

    def days_ago(self, days: int) -> datetime.datetime:
        return self.now - datetime.timedelta(days=days, hours=self.rng.randint(0, 9))

    # --- people ---------------------------------------------------------------------------
    def make_people(self, rows: list[tuple]) -> list[User]:
        """rows: (display name, e-mail, commune, skills, offer); returns saved users in order."""
        users = []
        for index, (name, email, commune_name, skills, offer) in enumerate(rows):
            commune = self.commune(commune_name)
            first, _, last = name.partition(" ")
            users.append(
                User(
                    email=email,
                    display_name=name,
                    first_name=first,
                    last_name=last,
                    commune=commune,
                    skills=skills,
                    offer=offer,
                    bio=f"Profil de démonstration : {skills.lower()}." if skills else "",
                    password=demo_password_hash(),
                    profile_visibility=[Visibility.PUBLIC, Visibility.MEMBERS][index % 2],
                    search_text=build_search_text(name, skills, offer, commune.name if commune else ""),
                    date_joined=self.days_ago(400 + index),
                )
            )
        User.objects.bulk_create(users)
        EmailAddress.objects.bulk_create(
            [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users]
        )
        for user in users:
            self.people[user.email] = user
        return users

    def network_admin(self) -> None:
        admin = User(
            email=NETWORK_ADMIN_EMAIL,
            display_name="Administration du réseau (démo)",
            is_staff=True,
            is_superuser=True,
            password=demo_password_hash(),
            search_text=build_search_text("Administration du réseau (démo)"),
        )
        admin.save()
        EmailAddress.objects.create(user=admin, email=admin.email, verified=True, primary=True)
        self.people[admin.email] = admin

    def sectors(self) -> None:
        existing = {s.slug: s for s in Sector.objects.all()}
        missing = [Sector(slug=slug, name=name) for slug, name in data.SECTORS if slug not in existing]
        Sector.objects.bulk_create(missing)
        self.sector_by_slug = {s.slug: s for s in Sector.objects.all()}

    # --- structures -----------------------------------------------------------------------
    def identifiers(self, legal_form: str, departement: str, name: str) -> dict:
        if legal_form == "collectivite":
            # A local authority's SIREN is public; the agglomeration's is its EPCI code.
            code = "200035731" if name == "Roannais Agglomération" else ""
            return {"siren": code if code and luhn_ok(code) else ""}
        if legal_form in {"association", "musee"}:
            return {"rna": fake_rna(departement, self.rng)}
        siren = fake_siren(self.rng)
        return {"siren": siren, "siret": fake_siret(siren, self.rng)}

    def make_structures(self, pole: Pole, rows: list[dict], *, created_by: User) -> list[Structure]:
        """rows: dicts with name, legal_form, commune (Commune|None), sectors, summary, museum_status."""
        structures, slugs = [], set()
        for index, row in enumerate(rows):
            slug = slugify(row["name"])[:70]
            while slug in slugs:
                slug = f"{slug}-{index}"
            slugs.add(slug)
            commune = row["commune"]
            departement = commune.departement_id if commune else "42"
            structure = Structure(
                pole=pole,
                name=row["name"],
                slug=slug,
                legal_form=row["legal_form"],
                museum_status=row.get("museum_status", ""),
                commune=commune,
                summary=row["summary"],
                description=(f"{row['summary']}\n\n*Structure fictive, créée pour la démonstration de la plateforme.*"),
                website=f"https://{slug}.exemple.org/",
                address=f"{3 + index * 7 % 90} rue des Coopérateurs",
                address_visibility=VISIBILITY_CYCLE[index % 2],
                email=f"contact@{slug}.exemple.org",
                email_visibility=VISIBILITY_CYCLE[index % 3],
                # 04 65 71 xx xx is a range reserved for fiction by the French regulator (ARCEP).
                phone=f"04 65 71 {index // 10 % 10}{index % 10} {(index * 37) % 100:02d}",
                phone_visibility=VISIBILITY_CYCLE[(index + 1) % 3],
                contact_name=f"Accueil de {row['name']}",
                contact_visibility=VISIBILITY_CYCLE[(index + 2) % 3],
                created_by=created_by,
                created_at=self.days_ago(900 - index * 5),
                updated_at=self.days_ago(30 + index),
                **self.identifiers(row["legal_form"], departement, row["name"]),
            )
            # In the order of structure.sectors.all() (by name), as an edit would store it.
            sector_names = sorted(self.sector_by_slug[s].name for s in row["sectors"])
            structure.refresh_search_text(sector_names)
            structures.append(structure)
        Structure.objects.bulk_create(structures)
        through = Structure.sectors.through
        through.objects.bulk_create(
            [
                through(structure_id=structure.pk, sector_id=self.sector_by_slug[slug].pk)
                for structure, row in zip(structures, rows, strict=True)
                for slug in row["sectors"]
            ]
        )
        self.structures.extend(structures)
        return structures

    # --- POLLENS --------------------------------------------------------------------------
    def pollens(self) -> None:
        pole = Pole.objects.create(
            slug=POLLENS_SLUG,
            name="POLLENS — Pôle local pour une économie nouvelle sociale et solidaire (démo)",
            short_name="POLLENS",
            kind=PoleKind.RESOURCE,
            legal_form=PoleLegalForm.ASSOCIATION,
            territory_name="Roannais",
            tagline="Fédérer, développer, accompagner, promouvoir l’économie sociale et solidaire en Roannais.",
            purpose=data.POLLENS_PURPOSE,
            charter=data.POLLENS_CHARTER,
            contact_email=COORDINATOR_EMAIL,
            is_demo=True,
        )
        TerritoryUnit.objects.create(
            pole=pole,
            kind=TerritoryUnitKind.ARRONDISSEMENT,
            code=ROANNE_ARRONDISSEMENT,
            label="Arrondissement de Roanne",
        )
        colleges = College.objects.bulk_create(
            [
                College(pole=pole, name=name, description=description, board_seats=seats, position=position)
                for position, (name, description, seats) in enumerate(data.POLLENS_COLLEGES)
            ]
        )
        people = self.make_people([row[:5] for row in data.POLLENS_PEOPLE])
        coordinator = people[0]
        structures = self.make_structures(
            pole,
            [
                {
                    "name": name,
                    "legal_form": form,
                    "commune": self.commune(commune),
                    "sectors": sectors,
                    "summary": summary,
                }
                for name, form, commune, sectors, _college, summary in data.POLLENS_STRUCTURES
            ],
            created_by=coordinator,
        )
        self.pollens_memberships(pole, colleges, people, structures)
        Representative.objects.bulk_create(
            [
                Representative(
                    structure=structures[represents[0]],
                    person=person,
                    title=represents[1],
                    status=RepresentativeStatus.APPROVED,
                    created_at=self.days_ago(300),
                )
                for person, row in zip(people, data.POLLENS_PEOPLE, strict=True)
                if (represents := row[7])
            ]
        )
        members = [p for p, row in zip(people, data.POLLENS_PEOPLE, strict=True) if row[5]]
        projects = [
            {
                "title": title,
                "summary": summary,
                "domain": domain,
                "economic_model": model,
                "stage": stage,
                "request_kind": kind,
                "holder": people[holder],
                "holder_structure": structures[holder_structure] if holder_structure is not None else None,
                "commune": self.commune(commune),
                "members_only": members_only,
            }
            for (
                title,
                summary,
                domain,
                model,
                stage,
                kind,
                holder,
                holder_structure,
                commune,
                members_only,
            ) in data.POLLENS_PROJECTS
        ]
        self.make_projects(pole, projects, coordinator=coordinator, audience=people, members=members)

    def pollens_memberships(self, pole, colleges, people, structures) -> None:
        memberships = []
        for index, (structure, row) in enumerate(zip(structures, data.POLLENS_STRUCTURES, strict=True)):
            memberships.append(
                Membership(
                    pole=pole,
                    structure=structure,
                    college=colleges[row[4]],
                    role=Role.MEMBER,
                    joined_on=datetime.date(2012 + index % 3, 1 + index % 12, 1 + index % 27),
                    charter_accepted_at=self.days_ago(1000 - index),
                )
            )
        for index, (person, row) in enumerate(zip(people, data.POLLENS_PEOPLE, strict=True)):
            if row[5] is None:
                continue
            memberships.append(
                Membership(
                    pole=pole,
                    person=person,
                    role=row[5],
                    college=colleges[row[6]] if row[6] is not None else None,
                    joined_on=datetime.date(2013 + index % 10, 1 + index % 12, 10),
                    charter_accepted_at=self.days_ago(700 - index),
                )
            )
        Membership.objects.bulk_create(memberships)
        fees = []
        for index, membership in enumerate(memberships):
            amount = self.fee_amount(membership)
            fees.append(
                MembershipFee(membership=membership, year=2025, amount=amount, paid_on=datetime.date(2025, 2, 15))
            )
            # About one in five has not paid 2026 yet: the coordinator's follow-up list.
            unpaid = index % 5 == 4
            fees.append(
                MembershipFee(
                    membership=membership,
                    year=2026,
                    amount=amount,
                    paid_on=None if unpaid else datetime.date(2026, 1 + index % 4, 10),
                    note="Relance envoyée" if unpaid else "",
                )
            )
        MembershipFee.objects.bulk_create(fees)

    @staticmethod
    def fee_amount(membership: Membership) -> int:
        if membership.person_id:
            return 20
        form = membership.structure.legal_form
        return {"collectivite": 500, "pme": 150, "scop": 120, "scic": 120, "mutuelle": 200, "fondation": 200}.get(
            form, 50
        )

    # --- projects -------------------------------------------------------------------------
    @staticmethod
    def stage_path(stage: str) -> list[str]:
        """Stages a project went through to reach `stage`, in order."""
        if stage in PIPELINE:
            return PIPELINE[: PIPELINE.index(stage) + 1]
        before = {
            Stage.REDIRECTED: PIPELINE[:2],
            Stage.PAUSED: PIPELINE[:3],
            Stage.ABANDONED: PIPELINE[:2],
            Stage.COMPLETED: PIPELINE,
        }[stage]
        return [*before, stage]

    def make_projects(self, pole, rows, *, coordinator, audience, members) -> list[Project]:
        projects, histories = [], []
        for index, row in enumerate(rows):
            path = self.stage_path(row["stage"])
            start = 10 + 45 * len(path) + index * 4
            moments = [self.days_ago(start - step * 40) for step in range(len(path))]
            project = Project(
                pole=pole,
                title=row["title"],
                summary=row["summary"],
                description=(
                    f"{row['summary']}\n\n## Où en est-on ?\n\nÉtape actuelle : {Stage(row['stage']).label}.\n\n"
                    "*Projet fictif, créé pour la démonstration de la plateforme.*"
                ),
                holder=row["holder"],
                holder_structure=row["holder_structure"],
                domain=row["domain"],
                economic_model=row["economic_model"],
                commune=row["commune"],
                visibility=ProjectVisibility.MEMBERS if row["members_only"] else ProjectVisibility.PUBLIC,
                stage=row["stage"],
                stage_changed_at=moments[-1],
                request_kind=row["request_kind"],
                # The coordination opened every idea it has dealt with; the others keep the
                # board's « nouvelle » mark.
                coordination_opened_at=moments[1] if len(path) > 1 else (moments[0] if row["request_kind"] else None),
                created_at=moments[0],
                updated_at=moments[-1],
            )
            project.refresh_search_text()
            projects.append(project)
            histories.append((path, moments))
        Project.objects.bulk_create(projects)
        self.project_count += len(projects)
        self.project_history(projects, histories, coordinator)
        self.project_activity(projects, coordinator=coordinator, audience=audience, members=members)
        Project.objects.bulk_update(projects, ["supporters_count", "followers_count", "comments_count"])
        return projects

    def project_history(self, projects, histories, coordinator) -> None:
        reasons = {
            Stage.REDIRECTED: "Le projet relève d’un accompagnement spécialisé : orienté vers le réseau partenaire.",
            Stage.PAUSED: "Le porteur reprend un emploi salarié et met le projet en pause pour six mois.",
            Stage.ABANDONED: "Le porteur a renoncé faute de local.",
            Stage.COMPLETED: "Le tournoi a eu lieu : bilan présenté en conseil d’administration.",
        }
        changes, entries, referrals = [], [], []
        for project, (path, moments) in zip(projects, histories, strict=True):
            previous = ""
            for stage, moment in zip(path, moments, strict=True):
                changes.append(
                    StageChange(
                        project=project,
                        from_stage=previous,
                        to_stage=stage,
                        by=project.holder if not previous else coordinator,
                        reason=reasons.get(stage, ""),
                        at=moment,
                    )
                )
                previous = stage
            if len(path) > 1:
                entries += [
                    SupportLogEntry(
                        project=project,
                        author=coordinator,
                        kind=LogEntryKind.MEETING,
                        happened_on=moments[1].date(),
                        text="Premier rendez-vous au centre de ressources : présentation de l’idée, "
                        "des motivations et des premières pistes.",
                        created_at=moments[1],
                    ),
                    SupportLogEntry(
                        project=project,
                        author=coordinator,
                        kind=LogEntryKind.ADVICE,
                        happened_on=moments[-1].date(),
                        text="Conseil : présenter le projet à la prochaine Bourse aux projets.",
                        created_at=moments[-1],
                    ),
                    SupportLogEntry(
                        project=project,
                        author=coordinator,
                        kind=LogEntryKind.NEXT_STEP,
                        happened_on=(moments[-1] + datetime.timedelta(days=21)).date(),
                        text="Prochaine étape : chiffrer les besoins de départ et rencontrer deux partenaires.",
                        created_at=moments[-1],
                    ),
                ]
            if project.stage == Stage.REDIRECTED:
                referrals.append(
                    Referral(
                        project=project,
                        network="Réseau régional d’accompagnement à la création (démo)",
                        contact="accueil@creation-solidaire.exemple.org",
                        referred_on=moments[-1].date(),
                        note="Orientation pour l’étude de marché et le plan de financement.",
                        by=coordinator,
                        created_at=moments[-1],
                    )
                )
                entries.append(
                    SupportLogEntry(
                        project=project,
                        author=coordinator,
                        kind=LogEntryKind.REFERRAL,
                        happened_on=moments[-1].date(),
                        text="Orientation vers le réseau régional d’accompagnement à la création.",
                        created_at=moments[-1],
                    )
                )
        StageChange.objects.bulk_create(changes)
        SupportLogEntry.objects.bulk_create(entries)
        Referral.objects.bulk_create(referrals)
        self.stage_notifications(projects, histories, reasons)

    def stage_notifications(self, projects, histories, reasons) -> None:
        """Each holder's notifications of their project's moves, written by the real service
        (in the app only: a seed sends no e-mail), dated when the demo moved the project;
        the latest one is left unread."""
        from peps.notifications.models import Notification
        from peps.projects.services import stage_change_notify

        for project, (path, moments) in zip(projects, histories, strict=True):
            for previous, stage, moment in zip(path, path[1:], moments[1:], strict=False):
                rows = stage_change_notify(
                    project=project, from_stage=previous, to_stage=stage, reason=reasons.get(stage, ""), email=False
                )
                read_at = None if stage == path[-1] else moment
                Notification.objects.filter(pk__in=[n.pk for n in rows]).update(created_at=moment, read_at=read_at)

    def project_activity(self, projects, *, coordinator, audience, members) -> None:
        follows, supports, comments = [], [], []
        for project in projects:
            crowd = members if project.visibility == ProjectVisibility.MEMBERS else audience
            followers = {project.holder, coordinator, *self.rng.sample(crowd, min(len(crowd), self.rng.randint(1, 5)))}
            supporters = set(self.rng.sample(crowd, min(len(crowd), self.rng.randint(0, 8)))) - {project.holder}
            authors = self.rng.sample(crowd, min(len(crowd), self.rng.randint(1, 4)))
            follows += [Follow(project=project, person=p, created_at=project.created_at) for p in followers]
            supports += [Support(project=project, person=p, created_at=project.created_at) for p in supporters]
            for step, author in enumerate(authors):
                comments.append(
                    Comment(
                        project=project,
                        author=author,
                        text=self.rng.choice(data.COMMENTS),
                        created_at=project.created_at + datetime.timedelta(days=2 + step * 3),
                    )
                )
            project.followers_count = len(followers)
            project.supporters_count = len(supporters)
            project.comments_count = len(authors)
        Follow.objects.bulk_create(follows)
        Support.objects.bulk_create(supports)
        Comment.objects.bulk_create(comments)

    # --- museums network ------------------------------------------------------------------
    def patrimoines(self) -> None:
        pole = Pole.objects.create(
            slug=PATRIMOINES_SLUG,
            name="Réseau des patrimoines du Roannais (démo)",
            article="le",
            short_name="Patrimoines",
            kind=PoleKind.NETWORK,
            legal_form=PoleLegalForm.CHARTER,
            territory_name="Bassin de vie roannais",
            tagline="Douze musées et leurs partenaires, du Brionnais à la Montagne bourbonnaise.",
            purpose=data.PATRIMOINES_PURPOSE,
            charter=data.PATRIMOINES_CHARTER,
            contact_email=MUSEUMS_COORDINATOR_EMAIL,
            is_demo=True,
        )
        self.bassin_de_vie(pole)
        museums_college, partners_college = College.objects.bulk_create(
            [
                College(pole=pole, name="Musées", description="Les musées signataires de la charte.", position=0),
                College(
                    pole=pole,
                    name="Partenaires",
                    description="Artistes, compagnies, associations, entreprises, tourisme, recherche, citoyens.",
                    position=1,
                ),
            ]
        )
        people = self.make_people(
            [
                (
                    "Hélène Dufour",
                    MUSEUMS_COORDINATOR_EMAIL,
                    "Roanne",
                    "Médiation culturelle, muséographie",
                    "Animation des réunions plénières",
                ),
                (
                    "Gilles Aubert",
                    "gilles.aubert@patrimoines.demo",
                    "Roanne",
                    "Conservation, inventaire",
                    "Conseils de conservation préventive",
                ),
                (
                    "Marie Lambert",
                    "marie.lambert@patrimoines.demo",
                    "Le Coteau",
                    "Histoire du rail, bénévolat",
                    "Visites guidées du dépôt",
                ),
                (
                    "Louis Perrier",
                    "louis.perrier@patrimoines.demo",
                    "Villerest",
                    "Batellerie, archives",
                    "Prêt de documents anciens",
                ),
            ]
        )
        coordinator = people[0]
        rows = [
            {
                "name": name,
                "legal_form": "musee",
                "museum_status": status,
                "commune": self.commune(commune, departement, fallback=False),
                "sectors": ["culture"],
                "summary": "Musée de démonstration du réseau : collections, expositions, ateliers.",
            }
            for name, status, commune, departement in data.MUSEUMS
        ] + [
            {
                "name": name,
                "legal_form": form,
                "commune": self.commune(commune, departement, fallback=False),
                "sectors": ["culture"],
                "summary": summary,
            }
            for name, form, commune, departement, summary in data.MUSEUM_PARTNERS
        ]
        structures = self.make_structures(pole, rows, created_by=coordinator)
        memberships = [
            Membership(
                pole=pole,
                structure=structure,
                college=museums_college if structure.legal_form == "musee" else partners_college,
                joined_on=datetime.date(2013, 3, 1 + index),
                charter_accepted_at=self.days_ago(800 - index),
            )
            for index, structure in enumerate(structures)
        ]
        roles = [Role.COORDINATOR, Role.MEMBER, Role.MEMBER, Role.MEMBER]
        memberships += [
            Membership(
                pole=pole,
                person=person,
                role=role,
                college=partners_college,
                joined_on=datetime.date(2014, 5, 12),
                charter_accepted_at=self.days_ago(600),
            )
            for person, role in zip(people, roles, strict=True)
        ]
        # A person may belong to several poles with a different role in each.
        memberships.append(
            Membership(
                pole=pole,
                person=self.people[COORDINATOR_EMAIL],
                role=Role.MEMBER,
                college=partners_college,
                joined_on=datetime.date(2015, 9, 1),
                charter_accepted_at=self.days_ago(500),
            )
        )
        Membership.objects.bulk_create(memberships)
        Representative.objects.bulk_create(
            [
                Representative(
                    structure=structures[0],
                    person=people[1],
                    title="Conservateur",
                    status=RepresentativeStatus.APPROVED,
                    created_at=self.days_ago(200),
                ),
                Representative(
                    structure=structures[5],
                    person=people[2],
                    title="Bénévole",
                    status=RepresentativeStatus.APPROVED,
                    created_at=self.days_ago(200),
                ),
                Representative(
                    structure=structures[11],
                    person=people[3],
                    title="Porteur du projet de musée",
                    status=RepresentativeStatus.APPROVED,
                    created_at=self.days_ago(200),
                ),
            ]
        )
        projects = [
            {
                "title": "Parcours « Fils et tissages » entre musées",
                "summary": "Un parcours commun entre les musées du textile, avec un livret et des visites contées.",
                "domain": "culture",
                "economic_model": "associative",
                "stage": Stage.STRUCTURING,
                "request_kind": "relay",
                "holder": people[1],
                "holder_structure": structures[0],
                "commune": structures[0].commune,
                "members_only": False,
            },
            {
                "title": "Billet unique des musées du bassin de vie",
                "summary": "Un billet qui ouvre les douze musées du réseau, vendu dans les offices de tourisme.",
                "domain": "tourism",
                "economic_model": "mixed",
                "stage": Stage.SUBMITTED,
                "request_kind": "information",
                "holder": people[2],
                "holder_structure": None,
                "commune": structures[5].commune,
                "members_only": False,
            },
        ]
        self.make_projects(pole, projects, coordinator=coordinator, audience=people, members=people)

    def bassin_de_vie(self, pole: Pole) -> None:
        """Arrondissement 422 plus intercommunalities and communes across four départements."""
        units = {
            (TerritoryUnitKind.ARRONDISSEMENT, ROANNE_ARRONDISSEMENT): "Arrondissement de Roanne",
        }
        for kind, name, departement in data.PATRIMOINES_UNITS:
            commune = self.commune(name, departement, fallback=False)
            if commune is None:
                continue  # a partial territory import: keep the rest of the bassin de vie
            if kind == "epci":
                if commune.epci_id:
                    units[(TerritoryUnitKind.EPCI, commune.epci_id)] = commune.epci.name
            else:
                units[(TerritoryUnitKind.COMMUNE, commune.code)] = str(commune)
        TerritoryUnit.objects.bulk_create(
            [TerritoryUnit(pole=pole, kind=kind, code=code, label=label) for (kind, code), label in units.items()]
        )
