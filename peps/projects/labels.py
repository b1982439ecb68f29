"""Dates and sentences of the project's page, for its Jinja2 templates (jinja2/projects/_page_*.html):
the sentences with a value in them are translated once per render and written here so that
makemessages extracts them (the same messages as the Django templates had); dates are written
by peps.core.dates (what the date filter writes, faster), a moment in local time."""

import datetime
import functools
import html

from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext
from markupsafe import Markup

from peps.core import dates
from peps.core.jinja import linebreaks, words

from .models import Domain
from .stages import Stage, public_steps


def _local(value: datetime.datetime | datetime.date) -> datetime.datetime | datetime.date:
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        return timezone.localtime(value)
    return value


def long_date(value: datetime.date | datetime.datetime | None) -> str:
    """`value|date("j F Y")` of a date, or of a moment its local day: peps.core.dates.long_date."""
    return "" if value is None else dates.long_date(_local(value))


def date_time(value: datetime.datetime | None) -> str:
    """`value|date("j F Y, H:i")`: « 7 décembre 2026, 02:39 » in local time."""
    if value is None:
        return ""
    return _written(_local(value))


def _written(local: datetime.datetime) -> str:
    return f"{dates.long_date(local)}, {local.hour:02d}:{local.minute:02d}"


def moment(value: datetime.datetime) -> tuple[str, str]:
    """(`value|date("c")`, `value|date("j F Y, H:i")`) of one moment, in local time (turned
    once): a comment's <time datetime> and what it shows."""
    local = _local(value)
    return local.isoformat(), _written(local)


def word(message: str) -> Markup:
    """`_("…")` in the page's templates (which set `_` to this): a fixed word translated once
    per language and process by peps.core.jinja.words, as the header's are; each of the
    page's forty words then costs a lookup instead of a pass through the catalogue."""
    return words(translation.get_language())(message)


def page_names() -> dict[str, Markup]:
    """The sentences of the page with a value in them, translated once per render. Each is a
    %-format marked safe, as {% blocktranslate %} treats a translation: `names.by % {"by": x}`
    escapes the values, not the sentence."""
    return {
        name: Markup(text)  # noqa: S704 - our own catalogue's sentences; the values are escaped by %
        for name, text in (
            ("stage_now", gettext("Étape actuelle : <strong>%(stage)s</strong>, depuis le %(since)s.")),
            ("by", gettext("par %(by)s")),
            ("from_to", gettext("De « %(a)s » à « %(b)s »")),
            ("at_by", gettext("Le %(at)s, par %(by)s")),
        )
    }


def followers_label(n: int) -> str:
    return ngettext("%(n)s personne suit ce projet", "%(n)s personnes suivent ce projet", n) % {"n": n}


def supporters_label(n: int) -> str:
    return _supporters(translation.get_language(), n)


def comments_label(n: int) -> str:
    return _comments(translation.get_language(), n)


# A list of twenty cards says « 3 soutiens » and « 1 commentaire » twenty times: each count's
# sentence is translated once per language, number and process (the catalogues are code).
@functools.lru_cache(maxsize=1024)
def _supporters(language: str | None, n: int) -> str:
    with translation.override(language):
        return ngettext("%(n)s soutien", "%(n)s soutiens", n) % {"n": n}


@functools.lru_cache(maxsize=1024)
def _comments(language: str | None, n: int) -> str:
    with translation.override(language):
        return ngettext("%(n)s commentaire", "%(n)s commentaires", n) % {"n": n}


@functools.lru_cache(maxsize=8)
def _card_names(language: str | None) -> dict[str, dict[str, str]]:
    with translation.override(language):
        return {
            "stage": {value: str(label) for value, label in Stage.choices},
            "domain": {value: str(label) for value, label in Domain.choices},
        }


def card_names() -> dict[str, dict[str, str]]:
    """The stages' and domains' labels of a list of cards (_project_cards.html), translated
    once per language and process: get_stage_display() translates its label on each card."""
    return _card_names(translation.get_language())


def paragraphs(text: str | None) -> Markup:
    """`text|linebreaks`, with a shortcut for text of one line (most comments): the same
    <p>, escaped as Django escapes."""
    text = text or ""
    if "\n" in text or "\r" in text:
        return linebreaks(text)
    return Markup(f"<p>{html.escape(text)}</p>")  # noqa: S704 - escaped just here


@functools.lru_cache(maxsize=64)
def _steps(language: str | None, stage: str) -> tuple[dict, ...]:
    return tuple({**step, "label": str(step["label"]), "text": str(step["text"])} for step in public_steps(stage))


def steps(stage: str) -> tuple[dict, ...]:
    """stages.public_steps(stage) with its words translated, once per language and stage."""
    return _steps(translation.get_language(), stage)


def board_total(n: int) -> str:
    """The lead of the coordinators' board: how many ideas and projects the pole has."""
    return ngettext(
        "%(n)s idée ou projet dans le pôle, toutes étapes confondues.",
        "%(n)s idées ou projets dans le pôle, toutes étapes confondues.",
        n,
    ) % {"n": n}


def results_count(total: int, capped: bool) -> str:
    """« 12 projets » above the list, « Plus de 10 000 projets » when the count stopped there
    (grouped by thousands, as directory.labels.structures_count writes its count)."""
    if capped:
        return ngettext("Plus de %(n)s projet", "Plus de %(n)s projets", total) % {"n": intcomma(total)}
    return ngettext("%(n)s projet", "%(n)s projets", total) % {"n": intcomma(total)}


def register() -> None:
    """Called from this app's AppConfig.ready()."""
    from peps.core.jinja import add_global

    add_global("projects_long_date", long_date)
    add_global("projects_date_time", date_time)
    add_global("projects_moment", moment)
    add_global("projects_page_names", page_names)
    add_global("projects_word", word)
    add_global("projects_followers_label", followers_label)
    add_global("projects_supporters_label", supporters_label)
    add_global("projects_comments_label", comments_label)
    add_global("projects_card_names", card_names)
    add_global("projects_results_count", results_count)
    add_global("projects_board_total", board_total)
    add_global("projects_public_steps", steps)
    add_global("projects_paragraphs", paragraphs)
