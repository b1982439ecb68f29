"""Public and members-only rows of every open dataset, for the export and API tests."""

import datetime

from django.utils import timezone

from peps.agenda.models import Audience, Event, EventKind
from peps.core.testing import factories as f
from peps.core.visibility import Visibility
from peps.directory.models import Representative, RepresentativeStatus, Sector
from peps.governance import services as governance
from peps.governance.models import BodyKind
from peps.projects.models import ProjectVisibility

SECRET_PHONE = "04 77 00 00 99"
SECRET_EMAIL = "reserve-aux-membres@example.org"
SECRET_ADDRESS = "12 rue Réservée"
SECRET_PROJECT = "Projet réservé aux membres"
SECRET_EVENT = "Réunion réservée aux membres"
SECRET_DECISION = "Décision du bureau réservé"


def seed_open_data(pole, commune, *, representative=None, holder=None) -> dict:
    """One of each public row, one of each hidden row, and accents everywhere."""
    sector = Sector.objects.get_or_create(slug="alimentation", defaults={"name": "Alimentation"})[0]
    public = f.StructureFactory(
        pole=pole,
        name="Épicerie coopérative « L’Étal »",
        slug="epicerie-l-etal",
        commune=commune,
        summary="Une épicerie où l’on décide ensemble.",
        address="3 place de l’Hôtel de Ville",
        email="contact@letal.example.org",
        email_visibility=Visibility.PUBLIC,
        phone=SECRET_PHONE,
        phone_visibility=Visibility.MEMBERS,
        contact_name="Josée Réservée",
        contact_visibility=Visibility.PUBLIC,
    )
    public.sectors.add(sector)
    public.refresh_search_text([sector.name])
    public.save()
    guarded = f.StructureFactory(
        pole=pole,
        name="Atelier discret",
        slug="atelier-discret",
        address=SECRET_ADDRESS,
        address_visibility=Visibility.MEMBERS,
        email=SECRET_EMAIL,
        email_visibility=Visibility.COORDINATORS,
    )
    inactive = f.StructureFactory(pole=pole, name="Structure fermée", slug="fermee", is_active=False)
    if representative is not None:
        Representative.objects.create(structure=public, person=representative, status=RepresentativeStatus.APPROVED)
    project = f.ProjectFactory(
        pole=pole, title="Ressourcerie du Roannais", commune=commune, holder=holder or f.UserFactory()
    )
    project.refresh_search_text()
    project.save()
    hidden_project = f.ProjectFactory(pole=pole, title=SECRET_PROJECT, visibility=ProjectVisibility.MEMBERS)
    start = timezone.now() + datetime.timedelta(days=10)
    event = Event.objects.create(
        pole=pole, title="Rencontres solidaires en Roannais", kind=EventKind.RENCONTRES, starts_at=start,
        ends_at=start + datetime.timedelta(hours=3), address="Espace Congrès", commune=commune,
        online_url="https://visio.example.org/secret",
    )  # fmt: skip
    hidden_event = Event.objects.create(
        pole=pole, title=SECRET_EVENT, kind=EventKind.MEETING, starts_at=start,
        ends_at=start + datetime.timedelta(hours=1), audience=Audience.MEMBERS,
    )  # fmt: skip
    board = governance.body_create(pole=pole, kind=BodyKind.BOARD, name="Conseil d’administration", visibility="public")
    bureau = governance.body_create(pole=pole, kind=BodyKind.BUREAU, name="Bureau", visibility="members")
    decision = governance.decision_record(
        pole=pole, by=None, title="Étude de faisabilité de la ressourcerie", text="Adoptée à l’unanimité.",
        result="12 pour, 0 contre", decided_on=datetime.date(2025, 3, 4), body=board,
    )  # fmt: skip
    hidden_decision = governance.decision_record(
        pole=pole, by=None, title=SECRET_DECISION, text="…", result="3 pour", decided_on=datetime.date(2025, 3, 5),
        body=bureau,
    )  # fmt: skip
    return {
        "structure": public,
        "guarded": guarded,
        "inactive": inactive,
        "project": project,
        "hidden_project": hidden_project,
        "event": event,
        "hidden_event": hidden_event,
        "decision": decision,
        "hidden_decision": hidden_decision,
        "sector": sector,
    }


SECRETS = [SECRET_PHONE, SECRET_EMAIL, SECRET_ADDRESS, SECRET_PROJECT, SECRET_EVENT, SECRET_DECISION,
           "Josée Réservée", "visio.example.org", "Structure fermée"]  # fmt: skip
