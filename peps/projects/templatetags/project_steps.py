"""{% project_steps project %}: the support path as a citizen reads it, on the « what next »
page (the project's page writes the same Jinja2 partial, jinja2/projects/_steps.html)."""

from django import template

from peps.core.templatetags.peps import jinja

from ..labels import steps

register = template.Library()


@register.simple_tag
def project_steps(project):
    return jinja("projects/_steps.html", steps=steps(project.stage))
