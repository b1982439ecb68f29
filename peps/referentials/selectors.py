"""Reads of referentials: the tree of a version in one query, the latest version, and what a
visitor may read (published versions; network administrators also see drafts)."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from peps.core.tenancy import is_network_admin

from .models import Item, Referential, Version


def version_tree(version: Version) -> list[Item]:
    """The version's items in tree order (preorder), each with its `depth`.
    One query: positions are kept as the preorder index by the services."""
    return list(
        Item.objects.filter(version=version)
        .only(
            "pk", "version_id", "parent_id", "code", "label", "description", "theme", "to_complete", "depth", "position"
        )
        .order_by("position", "pk")
    )


@dataclass
class Node:
    item: Item
    level_name: str = ""
    children: list["Node"] = field(default_factory=list)


def nest(items: list[Item], *, version: Version) -> list[Node]:
    """Nested nodes from a tree-ordered list (for the nested <ul> of the tree page), each
    with the name of its level in the version (« Objectif », « Indicateur »)."""
    nodes: dict[int, Node] = {}
    roots: list[Node] = []
    for item in items:
        node = nodes[item.pk] = Node(item, level_name=version.level_name(item.depth))
        parent = nodes.get(item.parent_id) if item.parent_id else None
        (parent.children if parent else roots).append(node)
    return roots


def latest_version(referential_slug: str, *, published_only: bool = False) -> Version | None:
    """The highest-numbered version of the referential (published ones only if asked); None
    when the referential does not exist."""
    versions = Version.objects.filter(referential__slug=referential_slug).select_related("referential")
    if published_only:
        versions = versions.filter(published_at__isnull=False)
    return versions.order_by("-number").first()


def versions_visible_to(user) -> QuerySet:
    versions = Version.objects.all()
    if not is_network_admin(user):
        versions = versions.filter(published_at__isnull=False)
    return versions


def referentials_with_versions(*, user) -> list[Referential]:
    """Every referential with at least one version the person may read, versions newest first.
    Two queries."""
    versions = versions_visible_to(user).select_related("based_on").order_by("-number")
    referentials = Referential.objects.prefetch_related(Prefetch("versions", queryset=versions, to_attr="shown"))
    if not is_network_admin(user):
        referentials = referentials.filter(versions__published_at__isnull=False).distinct()
    return list(referentials.order_by("name"))


def version_for_viewer(*, user, slug: str, number: int) -> Version:
    """404 for a missing version, and for a draft unless a network administrator asks."""
    version = (
        versions_visible_to(user)
        .filter(referential__slug=slug, number=number)
        .select_related("referential", "based_on", "created_by")
        .first()
    )
    if version is None:
        raise Http404
    return version


def item_of_version(*, version: Version, pk: int) -> Item:
    item = Item.objects.filter(version=version, pk=pk).select_related("version__referential").first()
    if item is None:
        raise Http404
    item.version = version
    return item


def subtree_ids(item: Item) -> set[int]:
    """Ids of the item and of everything under it (one query)."""
    links = list(Item.objects.filter(version_id=item.version_id).values_list("pk", "parent_id"))
    children: dict[int, list[int]] = {}
    for pk, parent_id in links:
        children.setdefault(parent_id, []).append(pk)
    ids, stack = set(), [item.pk]
    while stack:
        pk = stack.pop()
        ids.add(pk)
        stack.extend(children.get(pk, []))
    return ids


def item_counts(items: list[Item]) -> dict:
    return {
        "total": len(items),
        "to_complete": sum(1 for item in items if item.to_complete),
    }
