"""allauth's adapter, so that where a person was heading (`next`, e.g. the idea form)
survives sign-up, the e-mail confirmation and the login that follows.

allauth itself carries `next` from the sign-up form to the login it performs once the
e-mail is confirmed, but only while the stashed sign-up is fresh in the same session. We
also keep `next` in the session at sign-up, so that a confirmation opened later still
returns there (through the login page when the person is not signed in any more)."""

from urllib.parse import urlencode

from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

SESSION_KEY = "peps_next_after_signup"


def safe_next(request, url: str | None) -> str:
    """`url` if it stays on this site (a path), else ""."""
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=False):
        return url
    return ""


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        wanted = safe_next(request, request.POST.get("next") or request.GET.get("next"))
        if wanted:
            request.session[SESSION_KEY] = wanted
        return user

    def post_login(self, request, user, *, redirect_url=None, **kwargs):
        # The first login after sign-up goes where the person was heading, once.
        wanted = safe_next(request, request.session.pop(SESSION_KEY, ""))
        return super().post_login(request, user, redirect_url=redirect_url or wanted or None, **kwargs)

    def get_email_verification_redirect_url(self, email_address):
        wanted = safe_next(self.request, self.request.session.get(SESSION_KEY, ""))
        if not wanted:
            return super().get_email_verification_redirect_url(email_address)
        if self.request.user.is_authenticated:
            self.request.session.pop(SESSION_KEY, None)
            return wanted
        # Confirmed, but no longer signed in (another moment, an expired sign-up): the login
        # page, which says why, and then the page the person was heading to.
        return f"{reverse('account_login')}?{urlencode({'next': wanted})}"
