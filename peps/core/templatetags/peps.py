"""Template helpers: sanitised Markdown, field visibility, URLs that keep filters, French typography."""

from django import template
from django.conf import settings
from django.template import engines
from django.utils import translation
from django.utils.http import urlencode
from django.utils.safestring import mark_safe

from peps.core import typography
from peps.core.markdown import render_markdown
from peps.core.visibility import can_see

register = template.Library()


@register.filter
def markdown(text):
    return render_markdown(text)


@register.filter
def visible_to(level, rank):
    """{% if obj.email_visibility|visible_to:viewer_rank %}"""
    return can_see(level, int(rank or 0))


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (e.g. page=2)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + urlencode(sorted(params.lists()), doseq=True) if params else "?"


@register.simple_tag
def jinja(template_name, **context):
    """Render a Jinja2 partial (an app's jinja2/ folder) with the given values: the hot
    loops of a page (long lists) run there, several times faster than per-row includes."""
    html = engines["jinja2"].get_template(template_name).render(context)
    return mark_safe(html)  # noqa: S308 - the Jinja2 partial escapes what it writes (autoescape)


@register.simple_tag(takes_context=True)
def jinja_page(context, template_name):
    """A part of a page rendered by Jinja2 (`{% jinja_page "app/_page.html" %}`) with every
    value of the Django template that asks for it: a whole page body, or a section that htmx
    swaps and its view renders alone (the Django partial is then this one line)."""
    return jinja(template_name, **context.flatten())


@register.simple_tag(takes_context=True)
def site_part(context, part: str):
    """The header or the footer of every page (`{% site_part "header" %}` in base.html),
    rendered by Jinja2: it runs on every request, with its forty links and the menus'
    permission checks."""
    return jinja(
        f"core/_site_{part}.html",
        request=context.get("request"),
        user=context.get("user"),
        pole=context.get("current_pole"),
        is_coordinator=context.get("is_coordinator", False),
        languages=settings.LANGUAGES,
        language=translation.get_language(),
    )


@register.filter(is_safe=True)
def french(value):
    """French typography on HTML or text: {% filter french %}…{% endfilter %} in base.html."""
    return typography.french(value)


@register.filter
def de(name):
    """« Mettre fin au mandat {{ person|de }} » → « de Marc », « d’Élodie »."""
    return typography.de(str(name))


@register.filter
def que(name):
    return typography.que(str(name))
