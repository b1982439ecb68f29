"""Referential files, YAML or JSON, one structure for both:

    referential: {slug, name, description}
    version: {label, notes, level_names: [...]}
    items: [{code, label, description, theme, to_complete, children: [...]}, ...]

Parsing checks everything before anything is written and reports each problem in French with
the path of the item at fault (e.g. « items[1] › children[0] (code a1) »)."""

import json
from dataclasses import dataclass, field

import yaml
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .models import Item, Version

MAX_DEPTH = 8
MAX_ITEMS = 2000
MAX_ERRORS = 20
CODE_MAX = Item._meta.get_field("code").max_length
LABEL_MAX = Item._meta.get_field("label").max_length
THEME_MAX = Item._meta.get_field("theme").max_length
ITEM_KEYS = {"code", "label", "description", "theme", "to_complete", "children"}


class ReferentialImportError(ValidationError):
    """The file cannot be imported; `.messages` lists every problem found."""


@dataclass
class ImportedItem:
    code: str
    label: str = ""
    description: str = ""
    theme: str = ""
    to_complete: bool = False
    children: list["ImportedItem"] = field(default_factory=list)


@dataclass
class ImportedReferential:
    slug: str
    name: str
    description: str
    version_label: str
    notes: str
    level_names: list[str]
    items: list[ImportedItem]


def _load(content: bytes | str, filename: str):
    if isinstance(content, bytes):
        try:
            content = content.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ReferentialImportError(_("Le fichier doit être un texte encodé en UTF-8.")) from error
    is_json = filename.lower().endswith(".json") or content.lstrip().startswith("{")
    try:
        if is_json:
            return json.loads(content)
        return yaml.safe_load(content)
    except json.JSONDecodeError as error:
        raise ReferentialImportError(
            _("Le fichier JSON est mal formé (ligne %(line)d, colonne %(col)d) : %(msg)s.")
            % {"line": error.lineno, "col": error.colno, "msg": error.msg}
        ) from error
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = _(" (ligne %(line)d)") % {"line": mark.line + 1} if mark else ""
        raise ReferentialImportError(_("Le fichier YAML est mal formé%(where)s.") % {"where": where}) from error


def _text(value, errors: list[str], where: str, name: str, *, max_length: int | None = None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        errors.append(_("%(where)s : le champ « %(name)s » doit être un texte.") % {"where": where, "name": name})
        return ""
    text = str(value).strip()
    if max_length and len(text) > max_length:
        errors.append(
            _("%(where)s : le champ « %(name)s » dépasse %(max)d caractères.")
            % {"where": where, "name": name, "max": max_length}
        )
    return text


def parse_referential(content: bytes | str, *, filename: str = "") -> ImportedReferential:
    data = _load(content, filename)
    if not isinstance(data, dict):
        raise ReferentialImportError(
            _("Le fichier doit décrire un référentiel : les clés « referential », « version » et « items ».")
        )
    errors: list[str] = []
    head = data.get("referential")
    if not isinstance(head, dict):
        errors.append(_("La section « referential » (avec « slug » et « name ») manque."))
        head = {}
    version = data.get("version") or {}
    if not isinstance(version, dict):
        errors.append(_("La section « version » doit contenir « label », « notes » et « level_names »."))
        version = {}
    name = _text(head.get("name"), errors, "referential", "name", max_length=200)
    raw_slug = _text(head.get("slug"), errors, "referential", "slug", max_length=60)
    slug = slugify(raw_slug)
    if not name:
        errors.append(_("referential : le champ « name » (nom du référentiel) manque."))
    if not slug:
        errors.append(_("referential : le champ « slug » (identifiant, par exemple « referentiel-ptce ») manque."))
    level_names = version.get("level_names") or []
    if not isinstance(level_names, list) or not all(isinstance(n, str) for n in level_names):
        errors.append(_("version : « level_names » doit être une liste de noms de niveaux."))
        level_names = []
    label_max = Version._meta.get_field("label").max_length
    result = ImportedReferential(
        slug=slug,
        name=name,
        description=_text(head.get("description"), errors, "referential", "description"),
        version_label=_text(version.get("label"), errors, "version", "label", max_length=label_max),
        notes=_text(version.get("notes"), errors, "version", "notes"),
        level_names=[n.strip() for n in level_names if n.strip()],
        items=[],
    )
    raw_items = data.get("items")
    if not isinstance(raw_items, list) or not raw_items:
        errors.append(_("La liste « items » manque ou est vide : un référentiel a au moins un élément."))
    else:
        seen: dict[str, str] = {}
        result.items = _items(raw_items, "items", 1, errors, seen)
        if len(seen) > MAX_ITEMS:
            errors.append(_("Le référentiel compte plus de %(max)d éléments.") % {"max": MAX_ITEMS})
    if errors:
        shown = errors[:MAX_ERRORS]
        if len(errors) > MAX_ERRORS:
            shown.append(_("… et %(n)d autre(s) problème(s).") % {"n": len(errors) - MAX_ERRORS})
        raise ReferentialImportError(shown)
    return result


def _items(raw: list, path: str, depth: int, errors: list[str], seen: dict[str, str]) -> list[ImportedItem]:
    items = []
    for index, node in enumerate(raw):
        where = f"{path}[{index}]"
        if not isinstance(node, dict):
            errors.append(_("%(where)s : un élément doit avoir des champs (code, label…).") % {"where": where})
            continue
        code = _text(node.get("code"), errors, where, "code", max_length=CODE_MAX)
        if code:
            where = f"{where} (code {code})"
        unknown = sorted(set(map(str, node)) - ITEM_KEYS)
        if unknown:
            errors.append(_("%(where)s : champ(s) inconnu(s) %(keys)s.") % {"where": where, "keys": ", ".join(unknown)})
        if not code:
            errors.append(_("%(where)s : le champ « code » manque.") % {"where": where})
        elif code in seen:
            errors.append(
                _("%(where)s : le code « %(code)s » est déjà utilisé par %(other)s.")
                % {"where": where, "code": code, "other": seen[code]}
            )
        else:
            seen[code] = where
        to_complete = node.get("to_complete", False)
        if not isinstance(to_complete, bool):
            errors.append(_("%(where)s : « to_complete » doit valoir true ou false.") % {"where": where})
            to_complete = False
        label = _text(node.get("label"), errors, where, "label", max_length=LABEL_MAX)
        if not label and not to_complete:
            errors.append(
                _("%(where)s : le libellé manque ; s’il n’est pas connu, indiquez « to_complete: true ».")
                % {"where": where}
            )
        children_raw = node.get("children") or []
        children: list[ImportedItem] = []
        if not isinstance(children_raw, list):
            errors.append(_("%(where)s : « children » doit être une liste d’éléments.") % {"where": where})
        elif children_raw and depth >= MAX_DEPTH:
            errors.append(
                _("%(where)s : l’arbre dépasse %(max)d niveaux de profondeur.") % {"where": where, "max": MAX_DEPTH}
            )
        elif children_raw:
            children = _items(children_raw, f"{where} › children", depth + 1, errors, seen)
        items.append(
            ImportedItem(
                code=code,
                label=label,
                description=_text(node.get("description"), errors, where, "description"),
                theme=_text(node.get("theme"), errors, where, "theme", max_length=THEME_MAX),
                to_complete=to_complete,
                children=children,
            )
        )
    return items


# --- Export ----------------------------------------------------------------------------


def version_as_data(version: Version, items: list[Item]) -> dict:
    """The file structure of a version; `items` in tree order (selectors.version_tree)."""
    nodes: dict[int, dict] = {}
    roots: list[dict] = []
    for item in items:
        node = {"code": item.code, "label": item.label}
        if item.description:
            node["description"] = item.description
        if item.theme:
            node["theme"] = item.theme
        if item.to_complete:
            node["to_complete"] = True
        nodes[item.pk] = node
        if item.parent_id is None:
            roots.append(node)
        else:
            nodes[item.parent_id].setdefault("children", []).append(node)
    referential = version.referential
    return {
        "referential": {"slug": referential.slug, "name": referential.name, "description": referential.description},
        "version": {
            "number": version.number,
            "label": version.label,
            "notes": version.notes,
            "level_names": list(version.level_names),
        },
        "items": roots,
    }


def dump_yaml(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def dump_json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
