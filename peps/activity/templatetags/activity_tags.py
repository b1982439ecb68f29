"""The contact box of a structure's page, for the pole's staff: the directory's template
includes activity/_quick_contact.html, which calls this tag (the directory's view knows
nothing of the contact log)."""

from django import template

from peps.core.tenancy import is_coordinator

from ..forms import ContactForm
from ..selectors import recent_contacts_of_structure

register = template.Library()


@register.inclusion_tag("activity/_structure_box.html", takes_context=True)
def structure_contact_box(context, structure):
    request = context.get("request")
    user = getattr(request, "user", None)
    if structure is None or user is None or not is_coordinator(user, structure.pole):
        return {"hidden": True}
    return {
        "hidden": False,
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "structure": structure,
        "contact_form": ContactForm(pole=structure.pole, fixed_structure=structure),
        "recent_contacts": recent_contacts_of_structure(structure=structure),
    }
