"""Rate limits of the API, per IP address for visitors and per token for members. The rates
are read on each call from settings.PEPS_API_RATES (when set), so a test can change them."""

from django.conf import settings
from ninja.throttling import AnonRateThrottle, AuthRateThrottle

DEFAULT_RATES = {"anon": "120/min", "auth": "300/min"}


def _rate(scope: str) -> str:
    return getattr(settings, "PEPS_API_RATES", {}).get(scope, DEFAULT_RATES[scope])


class _Dynamic:
    scope: str

    def allow_request(self, request) -> bool:
        self.rate = _rate(self.scope)
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)


class VisitorThrottle(_Dynamic, AnonRateThrottle):
    scope = "anon"

    def __init__(self):
        super().__init__(rate=_rate("anon"))


class TokenThrottle(_Dynamic, AuthRateThrottle):
    scope = "auth"

    def __init__(self):
        super().__init__(rate=_rate("auth"))


THROTTLES = [VisitorThrottle(), TokenThrottle()]
