"""Dates and sentences of a body's page, its seats and a motion's page, for their Jinja2
partials (jinja2/governance/_body_page.html, _seats.html, _motion_page.html, _vote.html): the
sentences with a value are translated once per page and written here so that makemessages
extracts them (the same messages as before); the dates are core's long_date, a global of
every Jinja2 template."""

from django.utils.translation import gettext, ngettext


def seat_names() -> dict[str, str]:
    """The words of a seat's line, translated once for a list of seats; `since` and `end`
    are %-formats (« depuis le %(date)s », « Mettre fin au mandat de %(name)s »)."""
    return {
        "structure": gettext("structure"),
        "since": gettext("depuis le %(date)s"),
        "end": gettext("Mettre fin au mandat de %(name)s"),
    }


def register() -> None:
    """Called from this app's AppConfig.ready()."""
    from peps.core.jinja import add_global

    add_global("governance_seat_names", seat_names)
    add_global("governance_body_names", body_names)
    add_global("governance_max_proxies", max_proxies)
    add_global("governance_seats_taken", seats_taken)
    add_global("governance_holders_found", holders_found)
    add_global("governance_motion_names", motion_names)
    add_global("governance_quorum_voters", quorum_voters)
    add_global("governance_quorum_missing", quorum_missing)
    add_global("governance_approvals", approvals)


def body_names() -> dict[str, str]:
    """The sentences with a value of a body's page (jinja2/governance/_body_page.html), as
    %-formats translated once per page: the same messages as the Django template had."""
    return {
        "proposed_by": gettext("Proposé par : %(name)s"),
        "schedule_in": gettext("Réunion où inscrire « %(title)s »"),
        "submit": gettext("Soumettre « %(title)s » au vote"),
        "closes_on": gettext("clôture le %(date)s"),
        "revoke": gettext("Retirer le pouvoir donné à %(name)s"),
        "no_holder": gettext("Personne ne correspond à « %(q)s » parmi les personnes qui peuvent recevoir un pouvoir."),
    }


def max_proxies(n: int) -> str:
    return ngettext(
        "Chaque personne peut détenir au plus %(n)s pouvoir.", "Chaque personne peut détenir au plus %(n)s pouvoirs.", n
    ) % {"n": n}


def seats_taken(taken: int, seats: int) -> str:
    return ngettext("%(taken)s siège pourvu sur %(seats)s", "%(taken)s sièges pourvus sur %(seats)s", taken) % {
        "taken": taken,
        "seats": seats,
    }


def holders_found(n: int) -> str:
    return ngettext(
        "%(n)s personne correspond : choisissez-la", "%(n)s personnes correspondent : choisissez-en une", n
    ) % {"n": n}


def motion_names() -> dict[str, str]:
    """The sentences with a value of a motion's page (jinja2/governance/_motion_page.html and
    _vote.html), as %-formats translated once per page: the same messages as before."""
    return {
        "proposed_by": gettext("Proposé par : %(name)s"),
        "quorum_percent": gettext("%(n)s %% des votants inscrits"),
        "so_far": gettext("%(p)s votants sur %(e)s inscrits"),
        "quorum_reached": gettext("Quorum atteint (%(q)s votants requis)."),
        "voters": gettext("%(p)s sur %(e)s inscrits"),
        "decision": gettext("Décision n° %(number)s inscrite au registre."),
        "opens_on": gettext("Le vote ouvrira le %(date)s."),
    }


def quorum_voters(n: int) -> str:
    return ngettext("%(n)s votant", "%(n)s votants", n) % {"n": n}


def quorum_missing(required: int, missing: int) -> str:
    return ngettext(
        "Quorum pas encore atteint : %(q)s votants requis, il en manque %(n)s.",
        "Quorum pas encore atteint : %(q)s votants requis, il en manque %(n)s.",
        missing,
    ) % {"q": required, "n": missing}


def approvals(n: int) -> str:
    return ngettext("%(n)s approbation", "%(n)s approbations", n) % {"n": n}
