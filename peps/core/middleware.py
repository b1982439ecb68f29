"""HTTP caching headers: what a browser or the reverse proxy may keep, and for how long.

There is no page cache in the application. A visitor's page that sets no cookie is the same
for every visitor of that language: it is marked `public` with a short `max-age`
(PEPS_PUBLIC_MAX_AGE, 0 by default: revalidate every time), and Django's
ConditionalGetMiddleware answers 304 when its ETag has not changed. Everything a signed-in
person sees, or that sets a cookie (a CSRF token, a message), is `private, no-cache`.
"""

from django.conf import settings
from django.utils.cache import patch_cache_control, patch_vary_headers


class CachePolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in ("GET", "HEAD") or response.has_header("Cache-Control"):
            return response
        user = getattr(request, "user", None)
        shared = (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not (user is not None and user.is_authenticated)
        )
        if shared:
            patch_cache_control(response, public=True, max_age=settings.PEPS_PUBLIC_MAX_AGE)
            patch_vary_headers(response, ("Cookie", "Accept-Language"))
        else:
            patch_cache_control(response, private=True, no_cache=True)
        return response
