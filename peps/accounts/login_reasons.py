"""Why the login page is asked for: read from the `next` address the person was heading
to, so that « Proposer une idée » leads to « Pour proposer une idée à POLLENS,
connectez-vous ou créez un compte en une minute » rather than to a bare form."""

from urllib.parse import urlsplit

from django.urls import Resolver404, resolve
from django.utils.translation import gettext_lazy as _

# URL name → the reason, with %(pole)s for the pole's short name when the URL has one.
REASONS = {
    "projects:submit": _("Pour proposer une idée à %(pole)s, connectez-vous ou créez un compte en une minute."),
    "poles:join": _("Pour adhérer à %(pole)s, connectez-vous ou créez un compte en une minute."),
    "agenda:register": _("Pour vous inscrire à cet événement, connectez-vous ou créez un compte en une minute."),
    "commons:book": _("Pour réserver cette ressource, connectez-vous ou créez un compte en une minute."),
    "calls:apply": _("Pour candidater à cet appel, connectez-vous ou créez un compte en une minute."),
    "notifications:list": _("Pour lire vos notifications, connectez-vous."),
    "notifications:open": _("Pour lire cette notification, connectez-vous."),
}


def login_reason(next_url: str | None) -> str:
    """The sentence for the login and sign-up pages, or "" when the address says nothing."""
    if not next_url:
        return ""
    path = urlsplit(next_url).path
    if not path.startswith("/"):
        return ""
    try:
        match = resolve(path)
    except Resolver404:
        return ""
    reason = REASONS.get(match.view_name)
    if reason is None:
        return ""
    pole_name = ""
    if "pole" in match.kwargs:
        from peps.poles.models import Pole

        names = Pole.objects.filter(slug=match.kwargs["pole"]).values_list("short_name", "name").first()
        if names is None:
            return ""
        pole_name = names[0] or names[1]
    return str(reason) % {"pole": pole_name}
