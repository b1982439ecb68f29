"""Reads of the pool of resource people: the searchable list, a person, the poles one may
request for, and the follow-up of requests ("suivi des sollicitations")."""

import rules
from django.db.models import Q, QuerySet
from django.http import Http404

from peps.core.tenancy import is_network_admin
from peps.core.text import fold, search_terms
from peps.poles.models import Pole
from peps.projects.models import Project
from peps.territory.models import Departement

from .models import PersonVisibility, RequestStatus, ResourcePerson, ResourceRequest, split_list
from .rules import coordinated_pole_ids, is_network_member_user

LIST_FIELDS = ("pk", "name", "headline", "tags", "territories", "availability", "languages", "visibility", "is_active")


def people_visible_to(user, *, include_inactive: bool = False) -> QuerySet:
    people = ResourcePerson.objects.all()
    if is_network_admin(user):
        return people if include_inactive else people.filter(is_active=True)
    people = people.filter(is_active=True)
    if not is_network_member_user(user):
        people = people.filter(visibility=PersonVisibility.PUBLIC)
    return people


def _territory_filter(code: str) -> Q | None:
    """« d:42 » (a département, or the region it belongs to) or « r:84 » (a region, or one of its
    départements); anything else is ignored."""
    kind, _sep, value = (code or "").partition(":")
    if kind == "d" and value:
        region = Departement.objects.filter(code=value).values_list("region_id", flat=True).first()
        condition = Q(departements__code=value)
        return condition | Q(regions__code=region) if region else condition
    if kind == "r" and value:
        return Q(regions__code=value) | Q(departements__region_id=value)
    return None


def people_search(
    *, user, query: str = "", skill: str = "", territory: str = "", language: str = "", include_inactive=False
) -> QuerySet:
    people = people_visible_to(user, include_inactive=include_inactive)
    for term in search_terms(query):
        people = people.filter(search_text__contains=term)
    if skill:
        people = people.filter(tag_keys__contains=f"|{fold(skill)}|")
    if language:
        people = people.filter(language_keys__contains=f"|{fold(language)}|")
    condition = _territory_filter(territory)
    if condition is not None:
        # Filter by id in a subquery: the joins on two M2M tables would repeat rows.
        people = people.filter(pk__in=ResourcePerson.objects.filter(condition).values("pk"))
    return people.only(*LIST_FIELDS).order_by("name", "pk")


def filter_choices(*, user) -> dict:
    """Values offered by the filters: the skills and languages actually in use (one query),
    the départements with their régions (one small query)."""
    skills: dict[str, str] = {}
    languages: dict[str, str] = {}
    for tags, langs in people_visible_to(user).values_list("tags", "languages"):
        for tag in split_list(tags):
            skills.setdefault(fold(tag), tag)
        for lang in split_list(langs):
            languages.setdefault(fold(lang), lang)
    departements = list(Departement.objects.order_by("code").values_list("code", "name", "region_id", "region__name"))
    regions = sorted({(region, region_name) for _c, _n, region, region_name in departements}, key=lambda r: fold(r[1]))
    return {
        "skills": sorted(skills.values(), key=fold),
        "languages": sorted(languages.values(), key=fold),
        "regions": regions,
        "departements": [(code, name) for code, name, _r, _rn in departements],
    }


def person_for_viewer(*, user, pk: int) -> ResourcePerson:
    person = ResourcePerson.objects.filter(pk=pk).select_related("user").first()
    if person is None or not rules.has_perm("resourcepeople.view_person", user, person):
        raise Http404
    return person


def person_coverage(person: ResourcePerson) -> dict:
    return {
        "departements": list(person.departements.order_by("code")),
        "regions": list(person.regions.order_by("name")),
    }


def poles_to_request_for(*, user) -> QuerySet:
    """The poles the person coordinates: a request is always sent on a pole's behalf."""
    return Pole.objects.filter(pk__in=coordinated_pole_ids(user)).order_by("name")


def projects_to_request_for(*, user) -> QuerySet:
    """Projects of the poles the person coordinates (a few hundred per pole at most)."""
    return (
        Project.objects.filter(pole_id__in=coordinated_pole_ids(user))
        .select_related("pole")
        .only("pk", "title", "pole_id", "pole__id", "pole__name", "pole__short_name")
        .order_by("pole__name", "title")
    )


def requests_for(*, user, status: str = "", pole_slug: str = "") -> QuerySet:
    """Requests a person follows: their poles' (coordination), those addressed to them, or all
    (network administrators)."""
    requests = ResourceRequest.objects.all()
    if not is_network_admin(user):
        requests = requests.filter(Q(pole_id__in=coordinated_pole_ids(user)) | Q(person__user_id=user.pk))
    if status in RequestStatus.values:
        requests = requests.filter(status=status)
    if pole_slug:
        requests = requests.filter(pole__slug=pole_slug)
    return requests.select_related("pole", "person", "requested_by", "project").order_by("-created_at", "-pk")


def request_for_viewer(*, user, pk: int) -> ResourceRequest:
    """404 for a missing request and for one the person may not follow."""
    request = (
        ResourceRequest.objects.filter(pk=pk)
        .select_related("pole", "person", "person__user", "requested_by", "project", "answered_by")
        .first()
    )
    if request is None or not rules.has_perm("resourcepeople.view_request", user, request):
        raise Http404
    return request


def pending_count_for_person(*, user) -> int:
    if not user.is_authenticated:
        return 0
    return ResourceRequest.objects.filter(person__user_id=user.pk, status=RequestStatus.PENDING).count()
