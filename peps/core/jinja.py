"""The Jinja2 environment for the hottest list templates (STYLE.md rule 16).

Django runs Jinja2 beside its own engine: a page stays a Django template and hands its long
list to a Jinja2 partial (`{% jinja "app/_rows.html" items=... %}`, see templatetags/peps.py),
which renders rows several times faster than per-row includes. Partials live in each app's
`jinja2/` folder; they have what the Django templates have: translations, `url()`, `static()`,
French dates, paragraphs, autoescaping.
"""

from django.forms.renderers import BaseRenderer
from django.template import engines
from django.templatetags.static import static
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import linebreaks as django_linebreaks
from django.utils.translation import gettext, ngettext, pgettext
from jinja2 import Environment
from markupsafe import Markup


def url(name: str, *args, **kwargs) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def date(value, format_name: str = "DATE_FORMAT") -> str:
    """A date or time in the active language's format, local time for aware datetimes."""
    if value is None or value == "":
        return ""
    if hasattr(value, "tzinfo") and value.tzinfo is not None:
        value = timezone.localtime(value)
    return formats.date_format(value, format_name)


def linebreaks(text) -> Markup:
    """Paragraphs and line breaks of plain text, the text escaped (Django's filter)."""
    return Markup(django_linebreaks(text or "", autoescape=True))  # noqa: S704 - escaped by Django


def environment(**options) -> Environment:
    options["extensions"] = [*options.get("extensions", []), "jinja2.ext.i18n"]
    env = Environment(**options)  # noqa: S701 (the Django backend turns autoescape on)
    env.install_gettext_callables(gettext, ngettext, newstyle=True, pgettext=pgettext)
    env.globals.update(url=url, static=static)
    env.filters.update(date=date, linebreaks=linebreaks)
    return env


class FormRenderer(BaseRenderer):
    """Form widgets rendered by Jinja2 (Django ships Jinja2 versions of its widget and form
    templates): a page's fields render several times faster than with Django's engine."""

    def get_template(self, template_name):
        return engines["jinja2"].get_template(template_name)
