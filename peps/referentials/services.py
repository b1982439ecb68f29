"""Writes of referentials: create, version (deep copy), edit the tree of a version that is not
frozen, publish, freeze (called by campaigns), import from YAML/JSON, and load the référentiel PTCE.

`Item.position` is kept as the preorder index of the whole tree, so ordering a version's items by
position gives the tree order in one query (see selectors.version_tree)."""

from pathlib import Path
from types import EllipsisType

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Item, Referential, Version
from .selectors import subtree_ids
from .serialization import ImportedItem, ImportedReferential, parse_referential

PTCE_DATA_FILE = Path(__file__).parent / "data" / "referentiel-ptce.yaml"
PTCE_SLUG = "referentiel-ptce"
# Added items and moved items go last among their new siblings before renumbering.
_LAST = 10**9


class ReferentialFrozen(ValidationError):
    """The version has been used by a campaign: it never changes again."""

    def __init__(self, version: Version | None = None):
        super().__init__(
            _(
                "Cette version est figée : elle a servi à une campagne d’auto-évaluation et ne peut plus "
                "être modifiée. Créez une nouvelle version à partir d’elle pour faire vos changements."
            ),
            code="frozen",
        )
        self.version = version


def _refuse_if_frozen(version: Version) -> None:
    # Read the flag from the database: a campaign may have frozen it since the page was loaded.
    if version.is_frozen or Version.objects.filter(pk=version.pk, frozen_at__isnull=False).exists():
        raise ReferentialFrozen(version)


def _renumber(version: Version) -> None:
    """Rewrite position (preorder index) and depth of every item of the version from the
    current parent links and sibling order. A version has tens of items: cheap."""
    items = list(Item.objects.filter(version=version).only("pk", "parent_id", "position", "depth", "code"))
    children: dict[int | None, list[Item]] = {}
    for item in items:
        children.setdefault(item.parent_id, []).append(item)
    for siblings in children.values():
        siblings.sort(key=lambda i: (i.position, i.pk))
    changed = []
    counter = 0
    stack = [(item, 0) for item in reversed(children.get(None, []))]
    while stack:
        item, depth = stack.pop()
        if item.position != counter or item.depth != depth:
            item.position, item.depth = counter, depth
            changed.append(item)
        counter += 1
        stack.extend((child, depth + 1) for child in reversed(children.get(item.pk, [])))
    if changed:
        Item.objects.bulk_update(changed, ["position", "depth"])


def _check_code(version: Version, code: str, *, exclude_pk: int | None = None) -> str:
    code = (code or "").strip()
    if not code:
        raise ValidationError({"code": _("Donnez un code à l’élément (par exemple « e2 »).")})
    taken = Item.objects.filter(version=version, code=code)
    if exclude_pk:
        taken = taken.exclude(pk=exclude_pk)
    if taken.exists():
        raise ValidationError({"code": _("Le code « %(code)s » est déjà utilisé dans cette version.") % {"code": code}})
    return code


def _check_label(label: str, to_complete: bool) -> None:
    if not (label or "").strip() and not to_complete:
        raise ValidationError(
            {"label": _("Donnez un libellé, ou cochez « libellé à compléter » s’il n’est pas encore connu.")}
        )


# --- Referentials and versions ---------------------------------------------------------


def referential_create(
    *,
    slug: str,
    name: str,
    by=None,
    description: str = "",
    version_label: str = "",
    level_names: list[str] | None = None,
    notes: str = "",
) -> Version:
    """A new referential with its first, empty, unpublished version."""
    if Referential.objects.filter(slug=slug).exists():
        raise ValidationError({"slug": _("Un référentiel porte déjà l’identifiant « %(slug)s ».") % {"slug": slug}})
    with transaction.atomic():
        referential = Referential.objects.create(slug=slug, name=name, description=description)
        return Version.objects.create(
            referential=referential,
            number=1,
            label=version_label,
            level_names=list(level_names or []),
            notes=notes,
            created_by=by,
        )


def _next_number(referential: Referential) -> int:
    return (Version.objects.filter(referential=referential).aggregate(n=Max("number"))["n"] or 0) + 1


def version_create_from(*, version: Version, by=None, label: str = "", notes: str = "") -> Version:
    """A new draft version of the same referential: a deep copy of the tree, based_on set.
    Works from a frozen version too: that is how a frozen referential evolves."""
    with transaction.atomic():
        # Lock the referential so two administrators cannot both take the same number.
        referential = Referential.objects.select_for_update().get(pk=version.referential_id)
        new = Version.objects.create(
            referential=referential,
            number=_next_number(referential),
            label=label or version.label,
            level_names=list(version.level_names),
            notes=notes or version.notes,
            based_on=version,
            created_by=by,
        )
        _copy_items(source=version, target=new)
    return new


def _copy_items(*, source: Version, target: Version) -> None:
    """Copy the tree level by level: each level's parents exist (with their new ids) first."""
    items = list(Item.objects.filter(version=source).order_by("depth", "position"))
    new_id: dict[int, int] = {}
    for depth in sorted({item.depth for item in items}):
        level = [item for item in items if item.depth == depth]
        copies = [
            Item(
                version=target,
                parent_id=new_id.get(item.parent_id) if item.parent_id else None,
                code=item.code,
                label=item.label,
                description=item.description,
                theme=item.theme,
                to_complete=item.to_complete,
                depth=item.depth,
                position=item.position,
            )
            for item in level
        ]
        created = Item.objects.bulk_create(copies)
        if any(copy.pk is None for copy in created):  # a backend without RETURNING
            by_code = dict(Item.objects.filter(version=target).values_list("code", "pk"))
            for copy in created:
                copy.pk = by_code[copy.code]
        new_id.update({item.pk: copy.pk for item, copy in zip(level, created, strict=True)})


def version_update(*, version: Version, label: str, notes: str, level_names: list[str]) -> Version:
    _refuse_if_frozen(version)
    version.label = label
    version.notes = notes
    version.level_names = [name.strip() for name in level_names if name.strip()]
    version.save(update_fields=["label", "notes", "level_names"])
    return version


def version_publish(*, version: Version) -> Version:
    """Make a draft readable by everyone. Idempotent."""
    if version.published_at is None:
        version.published_at = timezone.now()
        Version.objects.filter(pk=version.pk, published_at__isnull=True).update(published_at=version.published_at)
    return version


def version_freeze(*, version: Version) -> Version:
    """Freeze the version for good (a campaign uses it); publishes it too. Idempotent: a second
    call keeps the first date. Campaigns (peps.assessment) call this."""
    with transaction.atomic():
        current = Version.objects.select_for_update().get(pk=version.pk)
        now = timezone.now()
        fields = []
        if current.frozen_at is None:
            current.frozen_at = now
            fields.append("frozen_at")
        if current.published_at is None:
            current.published_at = now
            fields.append("published_at")
        if fields:
            current.save(update_fields=fields)
    version.frozen_at, version.published_at = current.frozen_at, current.published_at
    return version


def version_delete(*, version: Version) -> None:
    """Delete a draft that was never published nor frozen (a mistaken copy)."""
    _refuse_if_frozen(version)
    if version.is_published:
        raise ValidationError(_("Une version publiée ne peut pas être supprimée : d’autres s’y réfèrent peut-être."))
    version.delete()


# --- Items -----------------------------------------------------------------------------


def item_add(
    *,
    version: Version,
    code: str,
    parent: Item | None = None,
    label: str = "",
    description: str = "",
    theme: str = "",
    to_complete: bool = False,
) -> Item:
    """Add an item as the last child of `parent` (or as the last root)."""
    _refuse_if_frozen(version)
    if parent is not None and parent.version_id != version.pk:
        raise ValidationError(_("L’élément parent appartient à une autre version."))
    code = _check_code(version, code)
    _check_label(label, to_complete)
    with transaction.atomic():
        item = Item.objects.create(
            version=version,
            parent=parent,
            code=code,
            label=label.strip(),
            description=description,
            theme=theme.strip(),
            to_complete=to_complete,
            depth=(parent.depth + 1) if parent else 0,
            position=_LAST,
        )
        _renumber(version)
    item.refresh_from_db(fields=["position", "depth"])
    return item


def item_update(
    *,
    item: Item,
    code: str,
    label: str,
    description: str = "",
    theme: str = "",
    to_complete: bool = False,
    parent: Item | None | EllipsisType = ...,
) -> Item:
    """Change an item; `parent` (when given) moves it, with its subtree, under another item."""
    version = item.version
    _refuse_if_frozen(version)
    code = _check_code(version, code, exclude_pk=item.pk)
    _check_label(label, to_complete)
    moving = False
    new_parent: Item | None = None
    if not isinstance(parent, EllipsisType):
        new_parent = parent
        moving = (parent.pk if parent else None) != item.parent_id
    if moving and new_parent is not None:
        if new_parent.version_id != item.version_id:
            raise ValidationError(_("L’élément parent appartient à une autre version."))
        if new_parent.pk in subtree_ids(item):
            raise ValidationError(
                {"parent": _("Un élément ne peut pas être placé sous lui-même ni sous l’un de ses sous-éléments.")}
            )
    with transaction.atomic():
        item.code = code
        item.label = label.strip()
        item.description = description
        item.theme = theme.strip()
        item.to_complete = to_complete
        fields = ["code", "label", "description", "theme", "to_complete"]
        if moving:
            item.parent = new_parent
            item.position = _LAST
            fields += ["parent", "position"]
        item.save(update_fields=fields)
        if moving:
            _renumber(version)
            item.refresh_from_db(fields=["position", "depth"])
    return item


def item_move(*, item: Item, offset: int) -> Item:
    """Move an item up (offset -1) or down (+1) among its siblings; at an end, nothing moves."""
    _refuse_if_frozen(item.version)
    siblings = list(Item.objects.filter(version_id=item.version_id, parent_id=item.parent_id).order_by("position"))
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == item.pk)
    target = index + (1 if offset > 0 else -1)
    if not 0 <= target < len(siblings):
        return item
    other = siblings[target]
    with transaction.atomic():
        # Swapping the two siblings' positions swaps their subtrees once renumbered.
        Item.objects.filter(pk=item.pk).update(position=other.position)
        Item.objects.filter(pk=other.pk).update(position=item.position)
        _renumber(item.version)
    item.refresh_from_db(fields=["position", "depth"])
    return item


def item_delete(*, item: Item) -> int:
    """Delete an item and its whole subtree; returns how many items went."""
    _refuse_if_frozen(item.version)
    count = len(subtree_ids(item))
    with transaction.atomic():
        item.delete()
        _renumber(item.version)
    return count


# --- Import and the référentiel PTCE ---------------------------------------------------


def referential_import(*, content: bytes | str, filename: str = "", by=None, publish: bool = False) -> Version:
    """Import a referential file (YAML or JSON). A new slug makes a new referential; a known
    slug adds a new version to it (based on its latest). Raises ReferentialImportError
    (a ValidationError with one French message per problem, each with the item's path)."""
    data = parse_referential(content, filename=filename)
    return _import(data, by=by, publish=publish)


def _import(data: ImportedReferential, *, by=None, publish: bool = False) -> Version:
    with transaction.atomic():
        referential, created = Referential.objects.select_for_update().get_or_create(
            slug=data.slug, defaults={"name": data.name, "description": data.description}
        )
        latest = None if created else Version.objects.filter(referential=referential).order_by("-number").first()
        version = Version.objects.create(
            referential=referential,
            number=_next_number(referential),
            label=data.version_label,
            notes=data.notes,
            level_names=data.level_names,
            based_on=latest,
            created_by=by,
            published_at=timezone.now() if publish else None,
        )
        counter = [0]

        def create(nodes: list[ImportedItem], parent: Item | None, depth: int) -> None:
            for node in nodes:
                item = Item.objects.create(
                    version=version,
                    parent=parent,
                    code=node.code,
                    label=node.label,
                    description=node.description,
                    theme=node.theme,
                    to_complete=node.to_complete,
                    depth=depth,
                    position=counter[0],
                )
                counter[0] += 1
                create(node.children, item, depth + 1)

        create(data.items, None, 0)
    return version


def load_ptce_referential(*, by=None) -> Version:
    """Load the référentiel PTCE shipped in data/referentiel-ptce.yaml, published. Idempotent:
    when the referential exists, nothing is loaded and its latest version is returned."""
    existing = Version.objects.filter(referential__slug=PTCE_SLUG).order_by("-number").first()
    if existing is not None:
        return existing
    return referential_import(content=PTCE_DATA_FILE.read_bytes(), filename=PTCE_DATA_FILE.name, by=by, publish=True)
