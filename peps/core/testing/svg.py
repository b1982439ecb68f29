"""Test helpers for inline SVG: find the <svg> elements of a page and check that every
coordinate and size is a number as SVG reads it (« 7.7 », never the French « 7,7 »)."""

import re
from xml.etree import ElementTree

NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
_SINGLE = re.compile(rf"^{NUMBER}(?:%|px)?$")
_PAIR = re.compile(rf"^{NUMBER},{NUMBER}$")
SINGLE_ATTRIBUTES = ("x", "y", "width", "height", "cx", "cy", "r", "rx", "ry", "x1", "y1", "x2", "y2")
# How many numbers each transform function takes at most.
_TRANSFORM_ARITY = {"translate": 2, "scale": 2, "rotate": 3, "skewX": 1, "skewY": 1, "matrix": 6}


def svg_elements(html: str) -> list[ElementTree.Element]:
    """Every <svg>…</svg> of an HTML page, parsed as XML (inline SVG must be well formed)."""
    found = []
    for match in re.finditer(r"<svg\b.*?</svg>", html, re.DOTALL):
        found.append(ElementTree.fromstring(match.group(0)))  # noqa: S314 - our own pages, in tests
    return found


def _numbers(text: str) -> list[str]:
    return [part for part in re.split(r"[\s,]+", text.strip()) if part]


def invalid_numbers(svg: ElementTree.Element) -> list[str]:
    """Descriptions of the attributes that are not valid SVG numbers (empty when all are)."""
    errors = []
    for element in svg.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        for name, value in element.attrib.items():
            where = f"<{tag} {name}={value!r}>"
            if name in SINGLE_ATTRIBUTES and not _SINGLE.match(value.strip()):
                errors.append(where)
            elif name == "viewBox":
                parts = _numbers(value)
                if len(parts) != 4 or not all(re.fullmatch(NUMBER, p) for p in parts):
                    errors.append(where)
            elif name == "points":
                if not all(_PAIR.match(token) for token in value.split()):
                    errors.append(where)
            elif name == "d":
                tokens = re.split(r"\s+|(?=[A-Za-z])|(?<=[A-Za-z])", value.strip())
                for token in filter(None, tokens):
                    if re.fullmatch(r"[MLHVCSQTAZmlhvcsqtaz]", token):
                        continue
                    parts = token.split(",")
                    if len(parts) > 2 or not all(re.fullmatch(NUMBER, p) for p in parts):
                        errors.append(where)
                        break
            elif name == "transform":
                for function, arguments in re.findall(r"(\w+)\(([^)]*)\)", value):
                    parts = _numbers(arguments)
                    arity = _TRANSFORM_ARITY.get(function, 0)
                    if not parts or len(parts) > arity or not all(re.fullmatch(NUMBER, p) for p in parts):
                        errors.append(where)
    return errors


def assert_svg_numbers_valid(svg: ElementTree.Element) -> None:
    errors = invalid_numbers(svg)
    assert not errors, "SVG numbers that browsers and WeasyPrint reject: " + ", ".join(errors[:10])
