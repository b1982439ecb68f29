"""{% login_reason %} on the login and sign-up pages: why we ask, from the `next` address."""

from django import template

from peps.accounts.login_reasons import login_reason as reason_for

register = template.Library()


@register.simple_tag(takes_context=True)
def login_reason(context) -> str:
    request = context.get("request")
    next_url = context.get("redirect_field_value") or (request.GET.get("next") if request else "")
    return reason_for(next_url)
