"""Row-level markup of the directory, written in Python: a page lists twenty structures,
and a template per row (even an included one compiled once) costs ten times more."""

import html

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from ..models import LegalForm, MuseumStatus

register = template.Library()


def escape(value) -> str:
    """Django's escape() without its lazy-text wrapper: the same five characters replaced."""
    return html.escape(str(value))


def _page_cache(context) -> dict:
    """Labels and URL prefixes worked out once per page, not once per row."""
    cache = context.render_context.get("directory_tags")
    if cache is None:
        cache = {
            "legal_forms": {value: str(label) for value, label in LegalForm.choices},
            "museum_statuses": {value: str(label) for value, label in MuseumStatus.choices},
            "sectors_title": gettext("Secteurs :"),
            "urls": {},
        }
        context.render_context["directory_tags"] = cache
    return cache


def _structure_url(cache: dict, pole_slug: str, slug: str) -> str:
    if pole_slug not in cache["urls"]:
        mark = "structure-slug-mark"
        head, tail = reverse("directory:structure", kwargs={"pole": pole_slug, "slug": mark}).split(mark)
        cache["urls"][pole_slug] = (head, tail)
    head, tail = cache["urls"][pole_slug]
    return f"{head}{slug}{tail}"


@register.simple_tag(takes_context=True)
def structure_card(context, structure, heading=3):
    """One structure in a list. Expects `structure` whose pole, commune and sectors are
    already loaded (selectors.structures_for_directory does it)."""
    cache = _page_cache(context)
    level = int(heading or 3)
    url = _structure_url(cache, structure.pole.slug, structure.slug)
    badges = (
        f'<span class="badge">{escape(cache["legal_forms"].get(structure.legal_form, structure.legal_form))}</span>'
    )
    if structure.museum_status:
        status = cache["museum_statuses"].get(structure.museum_status, structure.museum_status)
        badges += f'\n    <span class="badge">{escape(status)}</span>'
    if structure.commune_id:
        commune = structure.commune
        badges += (
            f'\n    <span class="structure-commune">{escape(commune.name)} ({escape(commune.departement_id)})</span>'
        )
    summary = f"\n  <p>{escape(structure.summary)}</p>" if structure.summary else ""
    sectors = structure.sectors.all()
    if sectors:
        # Sector names are translated like {% translate sector.name %} did.
        items = "".join(f'<li class="badge">{escape(gettext(sector.name))}</li>' for sector in sectors)
        sectors_html = (
            f'\n  <p class="visually-hidden">{escape(cache["sectors_title"])}</p>'
            f'\n  <ul class="inline-list structure-sectors">{items}</ul>'
        )
    else:
        sectors_html = ""
    return mark_safe(  # noqa: S308 - every value above goes through escape()
        f'<article class="structure-card">\n'
        f'  <h{level}><a href="{escape(url)}">{escape(structure.name)}</a></h{level}>\n'
        f'  <p class="muted">\n    {badges}\n  </p>{summary}{sectors_html}\n'
        f"</article>"
    )
