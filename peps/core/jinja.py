"""The Jinja2 environment for the hottest list templates (STYLE.md rule 16).

Django runs Jinja2 beside its own engine: a page stays a Django template and hands its long
list to a Jinja2 partial (`{% jinja "app/_rows.html" items=... %}`, see templatetags/peps.py),
which renders rows several times faster than per-row includes. Partials live in each app's
`jinja2/` folder; they have what the Django templates have: translations, `url()`, `static()`,
French dates, paragraphs, autoescaping.
"""

import functools
import html
import re
from collections.abc import Callable

import rules
from django.contrib.humanize.templatetags.humanize import intcomma
from django.forms.renderers import BaseRenderer
from django.template import engines
from django.templatetags.static import static as django_static
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext, ngettext, override, pgettext
from jinja2 import Environment
from markupsafe import Markup

from peps.core.dates import long_date, short_date
from peps.core.markdown import render_markdown
from peps.core.templatetags.peps import query_with as query_with_tag


@functools.lru_cache(maxsize=8192)
def _reverse(name: str, args: tuple, prefix: str, urlconf) -> str:
    return reverse(name, args=args or None, urlconf=urlconf)


def url(name: str, *args, **kwargs) -> str:
    """reverse(); with positional arguments only, remembered: a URL depends on nothing but
    the URL configuration, fixed for the life of the process, the name, the arguments and the
    script prefix (part of the key), and the header asks for the same 40 on every page."""
    if kwargs:
        return reverse(name, kwargs=kwargs)
    return _reverse(name, args, get_script_prefix(), get_urlconf())


def url_or_none(name: str, *args) -> str | None:
    """The URL of an optional part of the platform, or None when it is not installed."""
    try:
        return url(name, *args)
    except NoReverseMatch:
        return None


def has_perm(user, permission: str, obj=None) -> bool:
    """The named rule for the person reading the page, on the page's object (menus show only
    what may be opened). Asks the rules only: Django's model backend would cost two queries on
    every page for permissions that PEPS never grants through groups."""
    return bool(user is not None and user.is_authenticated and rules.has_perm(permission, user, obj))


@functools.lru_cache(maxsize=2048)
def _word(language: str | None, message: str) -> Markup:
    # Translated in `language` itself, so the cache key says what the value is, whatever
    # language happens to be active on this first call.
    with override(language):
        return Markup(gettext(message))  # noqa: S704 - our catalogue's words, marked safe as Jinja's _() marks them


def words(language: str | None) -> Callable[[str], Markup]:
    """`_` for the fixed words of a template rendered on every request (`{% set _ =
    words(language) %}`): each translated once per language and process (the catalogues are
    code), then a lookup, where Jinja's newstyle `_()` asks Django's catalogue and the
    active language on every call. Not for sentences with values: those keep Jinja's `_()`,
    which escapes the values."""
    return functools.partial(_word, language)


def _bound_url(prefix: str, urlconf, name: str, *args) -> str:
    return _reverse(name, args, prefix, urlconf)


def urls() -> Callable[..., str]:
    """`url` with the script prefix and URL configuration read once (`{% set url = urls() %}`):
    the header's forty links would otherwise read both from Django's context-local storage
    forty times. Positional arguments only, remembered as url() does."""
    return functools.partial(_bound_url, get_script_prefix(), get_urlconf())


@functools.lru_cache(maxsize=1024)
def static(path: str) -> str:
    """Django's static(), remembered: a file's URL depends on nothing but its path and the
    storage (its manifest of hashed names is read once, when the process starts), and every
    page's head asks for the same seven. Django's asks the app registry and the storage each
    time, about sixty calls a page."""
    return django_static(path)


# ` aria-current="page"` on the menu link of the page being shown, written
# `{{ current if <this link's page> else "" }}`: the header asks thirty times per page, and a
# function called from a template costs Jinja's call machinery each time.
ARIA_CURRENT = Markup(' aria-current="page"')


# Functions that apps lend to the templates (add_global in their AppConfig.ready()), so that
# core's templates may show an app's part without core importing the app.
_app_globals: dict = {}
_environments: list = []


def add_global(name: str, function) -> None:
    _app_globals[name] = function
    for env in _environments:
        env.globals[name] = function
        # Templates already loaded keep a copy of the globals (PepsEnvironment.make_globals):
        # loaded again, they see the new one.
        if env.cache is not None:
            env.cache.clear()


def date(value, format_name: str = "DATE_FORMAT") -> str:
    """A date or time in the active language's format, local time for aware datetimes."""
    if value is None or value == "":
        return ""
    if hasattr(value, "tzinfo") and value.tzinfo is not None:
        value = timezone.localtime(value)
    return formats.date_format(value, format_name)


def query_with(request, **changes) -> str:
    """The current query string with some parameters replaced: `{% query_with page=2 %}`."""
    return query_with_tag({"request": request}, **changes)


def page_of(number: int, total: int) -> str:
    """« Page 2 sur 7 » of core/_pagination.html (includes/pagination.html's message)."""
    return gettext("Page %(n)s sur %(total)s") % {"n": number, "total": total}


_PARAGRAPHS = re.compile(r"\n{2,}")


def linebreaks(text) -> Markup:
    """Paragraphs and line breaks of plain text, the text escaped: what Django's
    linebreaks(autoescape=True) writes (test_jinja holds it to it), without its lazy-text
    wrappers and newline regex, for the fifty messages of a debate's or a project's page."""
    text = str(text or "")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = (html.escape(paragraph).replace("\n", "<br>") for paragraph in _PARAGRAPHS.split(text))
    return Markup("\n\n".join(f"<p>{paragraph}</p>" for paragraph in paragraphs))  # noqa: S704 - each paragraph escaped


class PepsEnvironment(Environment):
    def make_globals(self, d):
        """A template's globals as one plain dict, copied once when the template is loaded.
        Jinja's ChainMap over the environment's globals (eighty names) is copied key by key
        in Python at each render of a template and read again at each include: every form
        field (one render each) and every part of a page paid it. The environment's globals
        are set at start (the apps' ready()); add_global() empties the template cache."""
        return {**self.globals, **(d or {})}


def environment(**options) -> Environment:
    options["extensions"] = [*options.get("extensions", []), "jinja2.ext.i18n"]
    env = PepsEnvironment(**options)  # noqa: S701 (the Django backend turns autoescape on)
    env.install_gettext_callables(gettext, ngettext, newstyle=True, pgettext=pgettext)
    env.globals.update(
        url=url,
        url_or_none=url_or_none,
        static=static,
        has_perm=has_perm,
        long_date=long_date,
        short_date=short_date,
        words=words,
        urls=urls,
        aria_current=ARIA_CURRENT,
        query_with=query_with,
        # Sanitised Markdown, as the Django templates' |markdown filter writes it.
        markdown=render_markdown,
        # Numbers grouped by thousands, as Django's |intcomma writes them.
        intcomma=intcomma,
        page_of=page_of,
    )
    env.globals.update(_app_globals)
    env.filters.update(date=date, linebreaks=linebreaks)
    _environments.append(env)
    return env


# Django's widget templates include one another (text.html includes input.html, which
# includes attrs.html; select.html includes select_option.html for each option), and each
# include is a template lookup and a new context: the same markup written in one template
# each (core/widgets), for every form of the platform. test_widgets holds them to Django's.
_INPUTS = (
    "checkbox",
    "color",
    "date",
    "datetime",
    "email",
    "file",
    "hidden",
    "input",
    "number",
    "password",
    "search",
    "tel",
    "text",
    "time",
    "url",
)
LEAN_WIDGETS = {
    **{f"django/forms/widgets/{name}.html": "core/widgets/input.html" for name in _INPUTS},
    "django/forms/widgets/textarea.html": "core/widgets/textarea.html",
    "django/forms/widgets/select.html": "core/widgets/select.html",
}


class FormRenderer(BaseRenderer):
    """Form widgets rendered by Jinja2 (Django ships Jinja2 versions of its widget and form
    templates): a page's fields render several times faster than with Django's engine, and
    the commonest widgets faster again in one template each (LEAN_WIDGETS)."""

    def get_template(self, template_name):
        return engines["jinja2"].get_template(LEAN_WIDGETS.get(template_name, template_name))
