"""Factories of the resourcepeople app."""

import factory

from peps.core.testing.factories import PoleFactory, UserFactory
from peps.resourcepeople.models import PersonVisibility, ResourcePerson, ResourceRequest


class ResourcePersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResourcePerson
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Personne ressource {n:03d}")
    skills = "Accompagnement de projets de l’ESS."
    tags = "financement, gouvernance"
    territories = "Roannais"
    languages = "français"
    email = factory.Sequence(lambda n: f"ressource{n}@exemple.demo")
    visibility = PersonVisibility.PUBLIC

    @factory.post_generation
    def _search(obj, create, extracted, **kwargs):
        obj.refresh_search_text()
        if create:
            ResourcePerson.objects.filter(pk=obj.pk).update(
                search_text=obj.search_text, tag_keys=obj.tag_keys, language_keys=obj.language_keys
            )


class ResourceRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResourceRequest

    pole = factory.SubFactory(PoleFactory)
    requested_by = factory.SubFactory(UserFactory)
    person = factory.SubFactory(ResourcePersonFactory)
    purpose = "bourse"
    message = "Pouvez-vous venir à notre Bourse aux projets ?"
