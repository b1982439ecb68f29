"""factory_boy factories shared by every app's tests and by the e2e journeys."""

import datetime

import factory
from django.utils import timezone

from peps.accounts.models import User
from peps.directory.models import LegalForm, Structure
from peps.poles.models import College, Membership, Pole, Role
from peps.projects.models import Domain, EconomicModel, Project
from peps.territory.models import Commune, Departement, Region

PASSWORD = "motdepasse-de-test-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@example.org")
    display_name = factory.Faker("name", locale="fr_FR")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        # allauth refuses to log in an unverified address; tests start verified.
        if create and extracted is not False:
            from allauth.account.models import EmailAddress

            EmailAddress.objects.get_or_create(user=obj, email=obj.email, defaults={"verified": True, "primary": True})


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = "84"
    name = "Auvergne-Rhône-Alpes"


class DepartementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Departement
        django_get_or_create = ("code",)

    code = "42"
    name = "Loire"
    region = factory.SubFactory(RegionFactory)


class CommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commune
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"42{n:03d}")
    name = factory.Sequence(lambda n: f"Commune {n}")
    search_name = factory.LazyAttribute(lambda o: o.name.lower())
    population = 1000
    departement = factory.SubFactory(DepartementFactory)
    region = factory.LazyAttribute(lambda o: o.departement.region)
    latitude = 46.03
    longitude = 4.07


class PoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pole
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"pole-{n}")
    name = factory.Sequence(lambda n: f"Pôle {n}")
    purpose = "Fédérer, développer, accompagner, promouvoir l’ESS."


class CollegeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = College

    pole = factory.SubFactory(PoleFactory)
    name = factory.Sequence(lambda n: f"Collège {n}")
    board_seats = 3


class StructureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Structure

    pole = factory.SubFactory(PoleFactory)
    name = factory.Sequence(lambda n: f"Structure {n}")
    slug = factory.Sequence(lambda n: f"structure-{n}")
    legal_form = LegalForm.ASSOCIATION
    summary = "Une association du territoire."


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    pole = factory.SubFactory(PoleFactory)
    title = factory.Sequence(lambda n: f"Projet {n}")
    summary = "Une idée pour le territoire."
    holder = factory.SubFactory(UserFactory)
    domain = Domain.FOOD
    economic_model = EconomicModel.ASSOCIATIVE


def member_of(pole: Pole, *, role: str = Role.MEMBER, college: College | None = None, **user_fields) -> User:
    """A verified person with an active membership of `pole`."""
    user = UserFactory(**user_fields)
    Membership.objects.create(
        pole=pole,
        person=user,
        role=role,
        college=college,
        joined_on=datetime.date(2024, 1, 15),
        charter_accepted_at=timezone.now(),
    )
    return user
