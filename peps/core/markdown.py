"""User-written Markdown, rendered then sanitised with nh3 (an allow-list)."""

import functools
import threading

import markdown as md
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "pre",
    "h2",
    "h3",
    "h4",
    "a",
    "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


_local = threading.local()


def _converter() -> md.Markdown:
    """One converter a thread, reset between texts: building one registers every extension
    and costs more than converting a paragraph (a Markdown instance is not thread-safe)."""
    converter = getattr(_local, "converter", None)
    if converter is None:
        converter = _local.converter = md.Markdown(extensions=["sane_lists"], output_format="html")
    return converter.reset()


# Texts up to this length have their HTML remembered (their own text is the key).
REMEMBERED_LENGTH = 4000


def _render(text: str) -> str:
    html = _converter().convert(text)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener",
    )


# Python-Markdown costs about half a millisecond a conversion whatever the length (its
# processors run on every text, a title's worth too), and a page shows the same charters,
# descriptions and notes from one request to the next. The HTML depends on the text alone
# (the converter's extensions and the allow-list are constants), so the text is the key: an
# edit is a new key, nothing is ever stale. Bounded: 512 texts of at most 4,000 characters.
_render_remembered = functools.lru_cache(maxsize=512)(_render)


def render_markdown(text: str) -> SafeString:
    text = text or ""
    clean = _render_remembered(text) if len(text) <= REMEMBERED_LENGTH else _render(text)
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3
