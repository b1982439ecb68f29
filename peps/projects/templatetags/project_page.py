"""{% project_page "projects/_page_x.html" %}: a part of the project's page rendered by Jinja2
(jinja2/projects/_page_*.html) with the context of the Django template that asks for it. The
page and the sections that htmx swaps (stage, support log, follow, support, comment form) are
Django templates of one line each, so that the views render them as before."""

from django import template

from peps.core.templatetags.peps import jinja

register = template.Library()


@register.simple_tag(takes_context=True)
def project_page(context, template_name: str):
    return jinja(template_name, **context.flatten())
