"""Numbers and sentences of the results pages for their Jinja2 partials (jinja2/assessment/):
numbers written as Django's templates write them in the active language, formatted in
Python once per value; sentences with a value written here so that makemessages extracts
them (the same messages as the Django templates had)."""

from django.utils import formats
from django.utils.translation import gettext, ngettext

DASH = "—"


def number(value, places: int | None = None) -> str:
    """`{{ value|default_if_none:"—" }}` (places=None) or `{{ value|floatformat:places }}`
    in the active language: « 2,75 », « 69,0 », « 12 » (PEPS does not group thousands)."""
    if value is None:
        return DASH
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if places is not None:
        text = f"{value:.{places}f}"
    elif isinstance(value, float):
        text = repr(value)
        if "e" in text or "E" in text:
            return formats.localize(value)
    else:
        return str(value)
    return text.replace(".", formats.get_format("DECIMAL_SEPARATOR"))


def unknown_labels(count: int) -> str:
    return ngettext(
        "Le libellé d’un indicateur n’est pas encore connu : il est désigné par son code et son objectif. "
        "Le réseau complète les libellés du référentiel.",
        "Les libellés de %(n)s indicateurs ne sont pas encore connus : ils sont désignés par leur code et leur "
        "objectif. Le réseau complète les libellés du référentiel.",
        count,
    ) % {"n": count}


def most_chosen(count: int) -> str:
    return ngettext("L’indicateur le plus souvent choisi", "Les %(n)s indicateurs les plus souvent choisis", count) % {
        "n": count
    }


def chose_at_most(count: int) -> str:
    return gettext("Chaque pôle a choisi au plus %(n)s indicateurs parmi les plus importants pour lui.") % {"n": count}


def public_answer(pole: str) -> str:
    return gettext("Réponse détaillée de %(pole)s") % {"pole": pole}


def bars_title(campaign: str) -> str:
    return gettext("Indicateurs les plus souvent choisis — %(campaign)s") % {"campaign": campaign}


def bars_desc(respondents: int) -> str:
    return ngettext(
        "Une barre par indicateur, de longueur proportionnelle au nombre de pôles qui l’ont choisi, sur %(n)s "
        "pôle répondant.",
        "Une barre par indicateur, de longueur proportionnelle au nombre de pôles qui l’ont choisi, sur %(n)s "
        "pôles répondants.",
        respondents,
    ) % {"n": respondents}


def radar_title(campaign: str, pole: str | None = None) -> str:
    if pole is None:
        return gettext("Profil du réseau par objectif — %(campaign)s") % {"campaign": campaign}
    return gettext("Profil de %(pole)s par objectif, comparé au réseau — %(campaign)s") % {
        "pole": pole,
        "campaign": campaign,
    }


def compared_with(title: str) -> str:
    return gettext("Comparaison avec la réponse du pôle à « %(title)s » (indicateurs rapprochés par leur code).") % {
        "title": title
    }


def register() -> None:
    """Called from this app's AppConfig.ready()."""
    from peps.core.jinja import add_global

    for name, function in {
        "assessment_number": number,
        "assessment_unknown_labels": unknown_labels,
        "assessment_most_chosen": most_chosen,
        "assessment_chose_at_most": chose_at_most,
        "assessment_public_answer": public_answer,
        "assessment_bars_title": bars_title,
        "assessment_bars_desc": bars_desc,
        "assessment_radar_title": radar_title,
        "assessment_compared_with": compared_with,
    }.items():
        add_global(name, function)
