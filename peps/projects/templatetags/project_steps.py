"""{% project_steps project %}: the support path as a citizen reads it, on the project's
page and on the « what next » page."""

from django import template

from ..stages import public_steps

register = template.Library()


@register.inclusion_tag("projects/_steps.html")
def project_steps(project, heading_level: int = 3):
    return {"project": project, "steps": public_steps(project.stage), "heading_level": heading_level}
