"""Whole-page cache for read pages, kept only while the data they were made from is unchanged.

Anonymous visitors share one copy per address and language. A signed-in person gets their own
copy, also keyed on their CSRF cookie so the forms it holds keep working. A copy is served
again only while no table its queries read has been written (peps.core.freshness) and for at
most PEPS_PAGE_CACHE_SECONDS, which bounds what depends on the clock ("today", open votes).
Anonymous copies carry no CSRF token, so the views wrapped here must not hold a POST form for
anonymous visitors (the language switch is a plain link for this reason).
"""

import hashlib
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

from . import freshness


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()


def _cache_key(request) -> str:
    path = _digest(request.get_full_path())
    if not request.user.is_authenticated:
        return f"page:anon:{get_language()}:{path}"
    csrf = _digest(request.COOKIES.get(settings.CSRF_COOKIE_NAME, ""))
    return f"page:{request.user.pk}:{csrf[:16]}:{get_language()}:{path}"


def _has_messages(request) -> bool:
    if "messages" in request.COOKIES:
        return True
    session = getattr(request, "session", None)
    return bool(session is not None and request.user.is_authenticated and session.get("_messages"))


def _cacheable(request) -> bool:
    if request.user.is_authenticated:
        # Without a CSRF cookie the page would hold tokens for a secret the browser never kept.
        allowed = settings.CSRF_COOKIE_NAME in request.COOKIES
    else:
        allowed = settings.PEPS_ANONYMOUS_CACHE_SECONDS > 0
    return (
        allowed
        and settings.PEPS_PAGE_CACHE_SECONDS > 0
        and request.method == "GET"
        and not getattr(request, "htmx", False)
        and not _has_messages(request)
    )


def page_cache(view):
    """Keep the page for visitors and, per person, for signed-in people, while it is fresh."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        key = _cache_key(request)
        kept = cache.get(key)
        if kept is not None and freshness.still_fresh(kept[0]):
            return kept[1]
        started = time.time_ns()
        with freshness.tracking() as tables:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
        if request.user.is_authenticated:
            # The person was loaded before tracking began; their row matters (name, rights).
            tables.add(request.user._meta.db_table)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            stamps = freshness.snapshot(tables, started)
            if stamps is not None:
                cache.set(key, (stamps, response), settings.PEPS_PAGE_CACHE_SECONDS)
        return response

    return wrapped


# The first name of the decorator, when only visitors' pages were kept.
anonymous_cache = page_cache
