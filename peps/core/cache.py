"""Whole-page cache for anonymous visitors: most traffic, identical pages.

Pages served from it carry no CSRF token, so the views wrapped here must not hold a
POST form for anonymous visitors (the language switch is a plain link for this reason).
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language


def _cache_key(request) -> str:
    digest = hashlib.sha1(request.get_full_path().encode(), usedforsecurity=False).hexdigest()
    return f"anon-page:{get_language()}:{digest}"


def anonymous_cache(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        seconds = settings.PEPS_ANONYMOUS_CACHE_SECONDS
        cacheable = (
            seconds
            and request.method == "GET"
            and not request.user.is_authenticated
            and "messages" not in request.COOKIES
            and not getattr(request, "htmx", False)
        )
        if not cacheable:
            return view(request, *args, **kwargs)
        key = _cache_key(request)
        response = cache.get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming and not response.cookies:
                if hasattr(response, "render") and not response.is_rendered:
                    response.render()
                cache.set(key, response, seconds)
        return response

    return wrapped
