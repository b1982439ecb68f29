"""Evidence links of a self-assessment answer. Only http(s) addresses with a host are stored
and shown as links: browsers drop tabs and newlines from an address, so « /\t/evil.com » opens
another site. A path on this site (« /p/… ») is kept as a full address on SITE_URL."""

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_URL = 500
# Whitespace, control characters and the backslash (which browsers read as « / »).
UNSAFE = re.compile(r"[\x00-\x20\x7f-\x9f\\]")


def is_safe_url(url) -> bool:
    """An http(s) address with a host and nothing a browser would rewrite."""
    if not isinstance(url, str) or not url or len(url) > MAX_URL or UNSAFE.search(url):
        return False
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(host)


def absolute(url: str) -> str:
    """« /p/pollens/projets/ » → the same page's full address; anything else unchanged."""
    if url.startswith("/") and not url.startswith("//"):
        return settings.SITE_URL.rstrip("/") + url
    return url


def link_url(url) -> str | None:
    """The address to put in a link's href, or None when it must be shown as text only
    (values stored before this check may be unsafe)."""
    if not isinstance(url, str):
        return None
    url = absolute(url)
    return url if is_safe_url(url) else None


def check_links(links) -> list[dict]:
    """What answer_save accepts: a list of {"url", "label"} with safe addresses."""
    if not isinstance(links, list):
        raise ValidationError(_("Les preuves sont une liste de liens."))
    for link in links:
        url = link.get("url") if isinstance(link, dict) else None
        if not is_safe_url(url):
            raise ValidationError(
                _("« %(url)s » n’est pas une adresse valable : une preuve est une adresse qui commence par https://."),
                params={"url": str(url)[:80]},
            )
    return links
