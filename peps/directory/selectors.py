"""Reads of the directory that depend on who asks: structures with filters, people whose
profile the viewer may see, projects shown beside them, and who may edit a page."""

import functools
from dataclasses import dataclass
from typing import Any

import rules
from django.conf import settings
from django.db import connection
from django.db.models import (
    Case,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    prefetch_related_objects,
)
from django.http import Http404

from peps.accounts.models import User
from peps.core import tenancy
from peps.core.pagination import MAX_COUNT, Page, page_number, page_of_rows
from peps.core.sql import (
    column,
    fetch_rows,
    joined_from_row,
    joined_instances,
    joined_select,
    model_columns,
    model_from_row,
    model_width,
    order_sql,
    read_one,
    read_rows,
)
from peps.core.text import fold, search_terms
from peps.core.visibility import Visibility, can_see
from peps.poles.models import College, Membership, MembershipStatus, Pole
from peps.projects.models import Project, ProjectVisibility
from peps.territory.models import Commune

from .models import Representative, RepresentativeStatus, Sector, Structure
from .search import matching as search_matching
from .search import matching_sql as search_matching_sql

PUNCTUATION = ".,;:!?()[]\"'«»"
# Columns the list rows need; the description and contact fields stay in the database.
LIST_FIELDS = (
    "pole_id",
    "name",
    "slug",
    "legal_form",
    "museum_status",
    "summary",
    "commune__name",
    "commune__departement_id",
)


def _list_sectors() -> Prefetch:
    # Into a plain list (structure.sector_list): the cards then read it without building a
    # related manager per structure (directory/jinja2/directory/_structure_cards.html).
    return Prefetch("sectors", queryset=Sector.objects.only("name", "slug"), to_attr="sector_list")


@dataclass(frozen=True)
class DirectoryFilters:
    legal_form: str = ""
    sector: str = ""  # a Sector slug
    commune: str = ""  # an INSEE code
    college: int | None = None
    q: str = ""

    @property
    def active(self) -> bool:
        return bool(self.legal_form or self.sector or self.commune or self.college or search_terms(self.q))


def _active_memberships(pole: Pole) -> QuerySet[Membership]:
    return Membership.objects.filter(pole=pole, status=MembershipStatus.ACTIVE)


def structures_for_directory(*, pole: Pole, filters: DirectoryFilters | None = None) -> QuerySet[Structure]:
    """Active structures of the pole matching the filters, by name, with what a row shows."""
    filters = filters or DirectoryFilters()
    # Through the reverse manager so each row already knows its pole (no query per link).
    structures = pole.structures.all()
    if filters.legal_form:
        structures = structures.filter(legal_form=filters.legal_form)
    if filters.sector:
        structures = structures.filter(sectors__slug=filters.sector)
    if filters.commune:
        structures = structures.filter(commune_id=filters.commune)
    if filters.college:
        in_college = _active_memberships(pole).filter(structure_id=OuterRef("pk"), college_id=filters.college)
        structures = structures.filter(Exists(in_college))
    terms = search_terms(filters.q)
    if terms:
        # Full text (FTS5 / PostgreSQL), by word prefix, read within the pole's part of the
        # index: see directory/search.py.
        structures = structures.filter(search_matching(terms, pole_id=pole.pk))
    structures = structures.filter(is_active=True)
    return (
        structures.select_related("commune").only(*LIST_FIELDS).prefetch_related(_list_sectors()).order_by("name", "pk")
    )


# The list's rows written out (directory_page): the structure's columns of LIST_FIELDS and its
# commune's, as structures_for_directory() loads them.
ROW_FIELDS = ("pole", "name", "slug", "legal_form", "museum_status", "summary", "commune")
ROW_COMMUNE_FIELDS = ("name", "departement")


@functools.lru_cache(maxsize=4)
def _list_sql(vendor: str) -> dict[str, str]:
    """The parts of the list's written-out read, from the models' quoted names; the structures
    are `s`, their communes `c`."""
    quote = connection.ops.quote_name
    structure: Any = Structure._meta
    commune: Any = Commune._meta
    membership: Any = Membership._meta
    sectors: Any = structure.get_field("sectors")
    through: Any = sectors.remote_field.through._meta
    sector: Any = Sector._meta

    def col(name: str, alias: str = "s", meta: Any = structure) -> str:
        field = meta.pk if name == "pk" else meta.get_field(name)
        return f"{alias}.{quote(field.column)}"

    in_sector = quote(sectors.m2m_column_name()), quote(sectors.m2m_reverse_name())
    return {
        "columns": f"{model_columns(Structure, ROW_FIELDS, 's')}, {model_columns(Commune, ROW_COMMUNE_FIELDS, 'c')}",
        "from": f" FROM {quote(structure.db_table)} s",
        "commune": f" LEFT JOIN {quote(commune.db_table)} c ON {col('pk', 'c', commune)} = {col('commune')}",
        # As the ORM filters on sectors__slug: a join (a structure has a sector once).
        "sector": f" INNER JOIN {quote(through.db_table)} ss ON ss.{in_sector[0]} = {col('pk')}"
        f" INNER JOIN {quote(sector.db_table)} x ON {col('pk', 'x', sector)} = ss.{in_sector[1]}",
        "pole": f"{col('pole')} = %s",
        "legal_form": f"{col('legal_form')} = %s",
        "sector_slug": f"{col('slug', 'x', sector)} = %s",
        "commune_code": f"{col('commune')} = %s",
        "college": f"EXISTS(SELECT 1 FROM {quote(membership.db_table)} m WHERE {col('pole', 'm', membership)} = %s"  # noqa: S608 - the models' quoted names
        f" AND {col('status', 'm', membership)} = %s AND {col('college', 'm', membership)} = %s"
        f" AND {col('structure', 'm', membership)} = {col('pk')})",
        "active": col("is_active"),
        "order": f" ORDER BY {col('name')}, {col('pk')}",
        "sectors": f"SELECT ss.{in_sector[0]}, {model_columns(Sector, SECTOR_FIELDS, 'x')}"  # noqa: S608 - the models' quoted names
        f" FROM {quote(through.db_table)} ss INNER JOIN {quote(sector.db_table)} x ON {col('pk', 'x', sector)} = ss.{in_sector[1]}"
        f" WHERE ss.{in_sector[0]} IN (%s) ORDER BY {col('name', 'x', sector)}, {col('pk', 'x', sector)}",
    }


def _list_where(pole: Pole, filters: DirectoryFilters, parts: dict[str, str]) -> tuple[str, str, list]:
    """The joins and WHERE of structures_for_directory(), written out, and their parameters."""
    joins, conditions = "", [parts["pole"]]
    params: list[Any] = [pole.pk]
    if filters.legal_form:
        conditions.append(parts["legal_form"])
        params.append(filters.legal_form)
    if filters.sector:
        joins += parts["sector"]
        conditions.append(parts["sector_slug"])
        params.append(filters.sector)
    if filters.commune:
        conditions.append(parts["commune_code"])
        params.append(filters.commune)
    if filters.college:
        conditions.append(parts["college"])
        params += [pole.pk, MembershipStatus.ACTIVE, filters.college]
    found, found_params = search_matching_sql(
        search_terms(filters.q), pole_id=pole.pk, table="s", vendor=connection.vendor
    )
    if found:
        conditions.append(found)
        params += found_params
    conditions.append(parts["active"])
    return joins, f" WHERE {' AND '.join(conditions)}", params


def directory_page(*, pole: Pole, filters: DirectoryFilters, request) -> Page:
    """One page of structures_for_directory() and how many there are (at most MAX_COUNT),
    each row as that queryset loads it, read by written-out queries: the ORM's filters,
    select_related, prefetch and count cost about 3 ms to build and compile on every view
    of the directory, several times the reads. Without a search, the rows come in name order
    from an index, LIMIT stops early, and the count reads an index. With a search, the total
    is a window count over the matching rows (all of them are read and sorted anyway), so
    the match runs once; past the last page no row carries it: counted apart. A test holds
    the page to the queryset's answer."""
    parts = _list_sql(connection.vendor)
    joins, where, params = _list_where(pole, filters, parts)
    searching = bool(search_terms(filters.q))
    per_page = settings.PEPS_PAGE_SIZE
    number = page_number(request)
    offset = (number - 1) * per_page
    window = ", COUNT(*) OVER ()" if searching else ""
    rows = fetch_rows(
        f"SELECT {parts['columns']}{window}{parts['from']}{joins}{parts['commune']}{where}{parts['order']}"
        " LIMIT %s OFFSET %s",
        [*params, per_page + 1, offset],
    )
    if searching and rows:
        total = rows[0][-1]
    else:
        count = f"SELECT COUNT(*) FROM (SELECT 1{parts['from']}{joins}{where} LIMIT %s) n"  # noqa: S608 - the models' quoted names, values as parameters
        total = fetch_rows(count, [*params, MAX_COUNT + 1])[0][0]
    items = _list_rows(rows[:per_page], pole, parts)
    return page_of_rows(items, fetched=len(rows), number=number, per_page=per_page, count=total)


def _list_rows(rows: list[tuple], pole: Pole, parts: dict[str, str]) -> list[Structure]:
    """The structures of the list's rows, each knowing its pole and commune (or None), with
    its sectors by name in `sector_list`, as structures_for_directory() leaves them."""
    width = model_width(Structure, ROW_FIELDS)
    commune_field: Any = Structure._meta.get_field("commune")
    pole_field: Any = Structure._meta.get_field("pole")
    structures: dict[int, Any] = {}
    for row in rows:
        structure: Any = model_from_row(Structure, row, 0, ROW_FIELDS)
        commune_field.set_cached_value(structure, joined_from_row(Commune, row, width, ROW_COMMUNE_FIELDS))
        pole_field.set_cached_value(structure, pole)
        structure.sector_list = []
        structures[structure.pk] = structure
    if structures:
        marks = ", ".join(["%s"] * len(structures))
        for row in fetch_rows(parts["sectors"].replace("%s", marks), list(structures)):
            structures[row[0]].sector_list.append(model_from_row(Sector, row, 1, SECTOR_FIELDS))
    return list(structures.values())


def sectors_for_choice() -> QuerySet[Sector]:
    """Sectors by name, « Autre » last, as offered in filters and forms."""
    last = Case(When(slug="autre", then=Value(1)), default=Value(0), output_field=IntegerField())
    return Sector.objects.only("slug", "name").order_by(last, "name")


def communes_with_structures(*, pole: Pole) -> list[tuple[str, str]]:
    """The communes where the pole has active structures, as (INSEE code, « Name (dept) »):
    the choices of the commune filter. Plain values: a hundred communes as model instances
    cost more than the query."""
    # DISTINCT: SQLite then reads the (pole, commune, name) index once per commune. Written
    # out: the ORM's query with its subquery cost about 2 ms in-process to build and compile,
    # on every page of the directory (a test holds it to the ORM's answer).
    with connection.cursor() as cursor:
        cursor.execute(_communes_with_structures_sql(connection.vendor), [pole.pk])
        rows = cursor.fetchall()
    return [(code, f"{name} ({departement})") for code, name, departement in rows]


@functools.lru_cache(maxsize=2)
def _communes_with_structures_sql(vendor: str) -> str:
    quote = connection.ops.quote_name
    commune: Any = Commune._meta
    structure: Any = Structure._meta
    code, name, departement = (quote(commune.get_field(field).column) for field in ("code", "name", "departement"))
    pole_id, commune_id, active = (
        quote(structure.get_field(field).column) for field in ("pole", "commune", "is_active")
    )
    communes, structures = quote(commune.db_table), quote(structure.db_table)
    return (
        f"SELECT c.{code}, c.{name}, c.{departement} FROM {communes} c WHERE c.{code} IN"  # noqa: S608 - the models' quoted names, the pole as parameter
        f" (SELECT DISTINCT s.{commune_id} FROM {structures} s"
        f" WHERE s.{pole_id} = %s AND s.{commune_id} IS NOT NULL AND s.{active})"
        f" ORDER BY c.{name}, c.{code}"
    )


def sector_options() -> list[Sector]:
    """sectors_for_choice()'s sectors (« Autre » last), read by a written-out query: the
    filters of the directory's every page; the ORM's Case() cost about 0.5 ms to build."""
    with connection.cursor() as cursor:
        cursor.execute(_sector_options_sql(connection.vendor), ["autre"])
        return [model_from_row(Sector, row, 0, SECTOR_FIELDS) for row in cursor.fetchall()]


SECTOR_FIELDS = ("slug", "name")
COLLEGE_FIELDS = ("pole", "name", "position")


@functools.lru_cache(maxsize=2)
def _sector_options_sql(vendor: str) -> str:
    quote = connection.ops.quote_name
    meta: Any = Sector._meta
    slug, name = (f"{quote(meta.db_table)}.{quote(meta.get_field(field).column)}" for field in ("slug", "name"))
    return (
        f"SELECT {model_columns(Sector, SECTOR_FIELDS)} FROM {quote(meta.db_table)}"  # noqa: S608 - the model's quoted names, the slug as parameter
        f" ORDER BY CASE WHEN {slug} = %s THEN 1 ELSE 0 END, {name}"
    )


def colleges_of(*, pole: Pole) -> list[College]:
    """The pole's colleges (their names) in order: the directory's and the people's filters.
    Written out: the ORM's query cost about 0.5 ms to build and compile, several times the read."""
    return read_rows(College, only=COLLEGE_FIELDS, order=("position", "name"), pole=pole.pk)


def is_approved_representative(user, structure: Structure) -> bool:
    if not (user and user.is_authenticated):
        return False
    # Kept on the structure so that a page asking twice pays one query (or none: the
    # structure's page reads the viewer's claim with its representatives first).
    cache = structure.__dict__.setdefault("_peps_representatives", {})
    if user.pk not in cache:
        sql = _page_sql(connection.vendor)["is_representative"]
        cache[user.pk] = bool(fetch_rows(sql, [structure.pk, user.pk, RepresentativeStatus.APPROVED]))
    return cache[user.pk]


def can_edit_structure(user, structure: Structure) -> bool:
    """Approved representatives, the pole's coordinators and network admins."""
    # The rule alone: user.has_perm would also ask Django's model backend, which costs
    # two permission queries on every page for people who may not edit.
    return rules.has_perm("directory.change_structure", user, structure)


def structure_for_page(*, pole: Pole, slug: str, user, sectors: bool = True) -> Structure:
    """A structure of this pole, or 404; a deactivated one is seen only by those who may edit it.
    `sectors`: with its sectors prefetched (`structure.sectors.all()`), for a form; the page
    itself reads them as a list (structure_sectors())."""
    # The structure and its commune by one written-out query (read_one; a slug is unique in a
    # pole): the ORM's version cost about 2 ms in-process to build and compile.
    structure = read_one(Structure, relations=("commune",), pole=pole.pk, slug=slug)
    if structure is not None:
        structure.pole = pole
        if sectors:
            prefetch_related_objects([structure], Prefetch("sectors", queryset=Sector.objects.only("name", "slug")))
    if structure is None or (not structure.is_active and not can_edit_structure(user, structure)):
        raise Http404
    return structure


# The other reads of a structure's page, written out (the ORM's filters, joins and only()
# cost more to build and compile than these indexed reads); a test holds each to the ORM.
REPRESENTATIVE_FIELDS = ("structure", "person", "title", "status")
REPRESENTATIVE_PERSON = ("display_name", "first_name", "last_name", "email", "profile_visibility")
PAGE_PROJECT_FIELDS = ("pole", "title", "summary", "stage", "created_at")


@functools.lru_cache(maxsize=4)
def _page_sql(vendor: str) -> dict[str, str]:
    quote = connection.ops.quote_name
    head, tail = joined_select(Representative, REPRESENTATIVE_FIELDS, (("person", REPRESENTATIVE_PERSON),))
    approved = f"{column(Representative, 'status')} = %s"
    first = order_sql(Representative, ("created_at", "pk"))
    in_college = joined_select(Membership, None, (("college", None),))
    return {
        "representatives": f"{head}{tail} WHERE {column(Representative, 'structure')} = %s AND {approved}"
        f" ORDER BY {first}",
        "representatives_or_own": f"{head}{tail} WHERE {column(Representative, 'structure')} = %s"
        f" AND ({approved} OR {column(Representative, 'person')} = %s) ORDER BY {first}",
        "memberships": f"{''.join(in_college)} WHERE {column(Membership, 'pole')} = %s"
        f" AND {column(Membership, 'status')} = %s AND {column(Membership, 'structure')} = %s",
        "projects": f"SELECT {model_columns(Project, PAGE_PROJECT_FIELDS)} FROM {quote(Project._meta.db_table)}"  # noqa: S608 - the models' quoted names
        f" WHERE {column(Project, 'pole')} = %s AND {column(Project, 'holder_structure')} = %s",
        "projects_order": f" ORDER BY {order_sql(Project, ('-created_at',))} LIMIT %s",
        "visibility": f"{column(Project, 'visibility')} IN (%s)",
        "holder": f"{column(Project, 'holder')} = %s",
        "is_representative": f"SELECT 1 FROM {quote(Representative._meta.db_table)} WHERE"  # noqa: S608 - the models' quoted names
        f" {column(Representative, 'structure')} = %s AND {column(Representative, 'person')} = %s AND {approved} LIMIT 1",
    }


def structure_sectors(*, structure: Structure) -> list[Sector]:
    """The structure's sectors by name (their name and slug), as structure.sectors.all()."""
    rows = fetch_rows(_list_sql(connection.vendor)["sectors"], [structure.pk])
    return [model_from_row(Sector, row, 1, SECTOR_FIELDS) for row in rows]


def structure_memberships(*, structure: Structure) -> list[Membership]:
    """The structure's active membership of its pole (one at most), with its college."""
    sql = _page_sql(connection.vendor)["memberships"]
    rows = fetch_rows(sql, [structure.pole_id, MembershipStatus.ACTIVE, structure.pk])
    return joined_instances(Membership, None, (("college", None),), rows)


def structure_representatives(*, structure: Structure, user) -> list[Representative]:
    """Approved representatives, plus the viewer's own claim whatever its status."""
    parts = _page_sql(connection.vendor)
    if user.is_authenticated:
        sql, params = parts["representatives_or_own"], [structure.pk, RepresentativeStatus.APPROVED, user.pk]
    else:
        sql, params = parts["representatives"], [structure.pk, RepresentativeStatus.APPROVED]
    relations = (("person", REPRESENTATIVE_PERSON),)
    found = joined_instances(Representative, REPRESENTATIVE_FIELDS, relations, fetch_rows(sql, params))
    if user.is_authenticated:
        # What is_approved_representative() would ask the database, read here already.
        own = next((r for r in found if r.person_id == user.pk), None)
        approved = own is not None and own.status == RepresentativeStatus.APPROVED
        structure.__dict__.setdefault("_peps_representatives", {})[user.pk] = approved
    return found


def projects_visible_to(*, user, pole: Pole) -> QuerySet[Project]:
    """Projects of the pole the viewer may see: public ones, members-only ones for members,
    their own, and everything for coordinators."""
    projects = Project.objects.filter(pole=pole)
    if tenancy.is_coordinator(user, pole):
        return projects
    condition = Q(visibility=ProjectVisibility.PUBLIC)
    if tenancy.is_member(user, pole):
        condition |= Q(visibility=ProjectVisibility.MEMBERS)
    if user and user.is_authenticated:
        condition |= Q(holder_id=user.pk)
    return projects.filter(condition)


def _project_rows(projects: QuerySet[Project], limit: int = 10) -> list[Project]:
    return list(projects.only("pole_id", "title", "summary", "stage", "created_at").order_by("-created_at")[:limit])


def structure_projects(*, structure: Structure, user, limit: int = 10) -> list[Project]:
    """The newest projects the structure holds that projects_visible_to() lets the viewer see."""
    parts, pole = _page_sql(connection.vendor), structure.pole
    where = parts["projects"]
    params: list[Any] = [pole.pk, structure.pk]
    if not tenancy.is_coordinator(user, pole):
        levels = [ProjectVisibility.PUBLIC, *([ProjectVisibility.MEMBERS] if tenancy.is_member(user, pole) else [])]
        visible = parts["visibility"].replace("%s", ", ".join(["%s"] * len(levels)))
        params += levels
        if user and user.is_authenticated:
            visible = f"({visible} OR {parts['holder']})"
            params.append(user.pk)
        where += f" AND {visible}"
    rows = fetch_rows(where + parts["projects_order"], [*params, limit])
    return [model_from_row(Project, row, 0, PAGE_PROJECT_FIELDS) for row in rows]


def person_projects(*, person: User, pole: Pole, user, limit: int = 10) -> list[Project]:
    return _project_rows(projects_visible_to(user=user, pole=pole).filter(holder=person), limit)


# --- People


def visible_levels(rank: int) -> list[str]:
    return [level for level in Visibility if can_see(level, rank)]


def people_visible_to(*, user, pole: Pole) -> QuerySet[User]:
    """Active members of the pole whose profile the viewer may see; everyone sees themselves."""
    condition = Q(profile_visibility__in=visible_levels(tenancy.viewer_rank(user, pole)))
    if user and user.is_authenticated:
        condition |= Q(pk=user.pk)
    members = _active_memberships(pole).filter(person_id=OuterRef("pk"))
    return User.objects.filter(Exists(members)).filter(condition)


def _person_search(query: str) -> Q:
    """One condition per word: the folded search_text when accounts has filled it, else
    the name and skills themselves (icontains with the word as typed)."""
    condition = Q()
    words = [word.strip(PUNCTUATION) for word in query.split()]
    for raw in [word for word in words if len(fold(word)) >= 2][:8]:
        condition &= Q(search_text__contains=fold(raw)) | (
            Q(search_text="") & (Q(display_name__icontains=raw) | Q(skills__icontains=raw))
        )
    return condition


def people_for_directory(*, user, pole: Pole, q: str = "", college: int | None = None) -> QuerySet[User]:
    people = people_visible_to(user=user, pole=pole)
    if q:
        people = people.filter(_person_search(q))
    if college:
        people = people.filter(Exists(_active_memberships(pole).filter(person_id=OuterRef("pk"), college_id=college)))
    college_name = _active_memberships(pole).filter(person_id=OuterRef("pk")).values("college__name")[:1]
    return (
        people.annotate(college_name=Subquery(college_name))
        .select_related("commune")
        .only("display_name", "first_name", "last_name", "email", "skills", "commune__name", "commune__departement_id")
        .order_by("display_name", "pk")
    )


def person_for_page(*, user, pole: Pole, pk: int) -> tuple[User, Membership | None]:
    """A member of the pole whose profile the viewer may see, with their membership; else 404."""
    person = people_visible_to(user=user, pole=pole).select_related("commune").filter(pk=pk).first()
    if person is None:
        raise Http404
    membership = _active_memberships(pole).filter(person=person).select_related("college").first()
    return person, membership


def person_structures(*, person: User, pole: Pole) -> list[Structure]:
    """Structures of this pole the person is an approved representative of."""
    return list(
        pole.structures.filter(
            is_active=True, representatives__person=person, representatives__status=RepresentativeStatus.APPROVED
        )
        .select_related("commune")
        .only(*LIST_FIELDS)
        .prefetch_related(_list_sectors())
        .order_by("name")
    )


# --- Claims


def pending_claims(*, pole: Pole) -> QuerySet[Representative]:
    return (
        Representative.objects.filter(structure__pole=pole, status=RepresentativeStatus.PENDING)
        .select_related("structure", "person")
        .order_by("created_at", "pk")
    )
