"""Row-level markup of the projects app, written in Python: a list renders dozens of rows,
and a template (even an included one compiled once) costs ten times more per row."""

import html

from django import template
from django.urls import reverse
from django.utils.dateformat import format as date_format
from django.utils.html import linebreaks
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext, ngettext

from ..models import Domain
from ..stages import Stage

register = template.Library()


def escape(value) -> str:
    """Django's escape() without its lazy-text wrapper: the same five characters replaced."""
    return html.escape(str(value))


# Any id that cannot clash with the rest of the path: replaced by each row's own id.
_ID_MARK = 987654321


def id_url(viewname: str, **kwargs):
    """reverse() once for a whole list: a function from a row's pk to its URL."""
    head, tail = reverse(viewname, kwargs={**kwargs, "pk": _ID_MARK}).split(str(_ID_MARK))
    return lambda pk: f"{head}{pk}{tail}"


def _labels(context, choices) -> dict:
    """Choice labels translated once per page (get_FOO_display re-hashes the lazy choices)."""
    cache = context.render_context.setdefault("projects_tags_labels", {})
    if choices not in cache:
        cache[choices] = {value: str(label) for value, label in choices.choices}
    return cache[choices]


def _detail_url(context, pole_slug: str):
    urls = context.render_context.setdefault("projects_tags_urls", {})
    if pole_slug not in urls:
        urls[pole_slug] = id_url("projects:detail", pole=pole_slug)
    return urls[pole_slug]


@register.simple_tag(takes_context=True)
def project_card(context, project, heading_level=2):
    """One project as a card. Expects `project` fetched with selectors.with_card_relations."""
    level = int(heading_level or 2)
    url = _detail_url(context, project.pole.slug)(project.pk)
    members_only = (
        f' <span class="badge">{escape(gettext("Réservé aux membres"))}</span>'
        if project.visibility == "members"
        else ""
    )
    commune = (
        f"\n    <li>{escape(project.commune.name)} ({escape(project.commune.departement_id)})</li>"
        if project.commune_id
        else ""
    )
    supporters, comments = project.supporters_count, project.comments_count
    stage = _labels(context, Stage).get(project.stage, project.stage)
    domain = _labels(context, Domain).get(project.domain, project.domain)
    return mark_safe(  # noqa: S308 - every value below goes through escape()
        f'<article class="project-card">\n'
        f'  <h{level}><a href="{escape(url)}">{escape(project.title)}</a></h{level}>\n'
        f"  <p>{escape(project.summary)}</p>\n"
        f'  <p><span class="badge">{escape(gettext("Étape :"))} {escape(stage)}</span>{members_only}</p>\n'
        f'  <ul class="inline-list muted">\n'
        f"    <li>{escape(domain)}</li>{commune}\n"
        f"    <li>{escape(gettext('Porté par'))} {escape(project.holder_name)}</li>\n"
        f"    <li>{escape(ngettext('%(n)s soutien', '%(n)s soutiens', supporters) % {'n': supporters})}</li>\n"
        f"    <li>{escape(ngettext('%(n)s commentaire', '%(n)s commentaires', comments) % {'n': comments})}</li>\n"
        f"  </ul>\n"
        f"</article>"
    )


@register.simple_tag
def comment_items(comments):
    """The <li> of a page of comments, oldest first (selectors.project_comments)."""
    deleted = gettext("Compte supprimé")
    return mark_safe("\n".join(comment_item(comment, deleted) for comment in comments))  # noqa: S308


@register.simple_tag
def comment_item(comment, deleted=None):
    """One comment; also appended alone by htmx after it is posted."""
    at = localtime(comment.created_at)
    author = comment.author.public_name if comment.author else (deleted or gettext("Compte supprimé"))
    # linebreaks() escapes the text itself (autoescape=True); its <p> and <br> are ours.
    return mark_safe(  # noqa: S308 - every value below is escaped
        f'<li id="comment-{int(comment.pk)}">\n  <p class="muted"><strong>{escape(author)}</strong>,\n'
        f'    <time datetime="{escape(date_format(at, "c"))}">{escape(date_format(at, "j F Y, H:i"))}</time></p>\n'
        f"  {linebreaks(comment.text, autoescape=True)}\n</li>"
    )
