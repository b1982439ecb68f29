"""State every process must agree on: sessions, the unread bell, rate limits."""

import requests

from peps.core.testing import factories as f

from .conftest import sign_in

PAGES = 30  # more than enough for three workers to each answer several times


def test_signing_out_ends_the_session_in_every_worker(base_url):
    user = f.UserFactory(email=f"depart-{f.UserFactory._meta.model.objects.count()}@example.org")
    browser = requests.Session()
    sign_in(browser, base_url, user.email, f.PASSWORD)
    old_cookie = browser.cookies.get("sessionid")
    profiles = [browser.get(f"{base_url}/profil/", allow_redirects=False).status_code for _ in range(PAGES)]
    assert profiles == [200] * PAGES

    page = browser.get(f"{base_url}/compte/logout/")
    from .conftest import csrf_of

    browser.post(f"{base_url}/compte/logout/", data={"csrfmiddlewaretoken": csrf_of(page.text)})

    # Another tab of the same browser, or an attacker who kept the cookie: signed out everywhere.
    replay = requests.Session()
    replay.cookies.set("sessionid", old_cookie, domain="127.0.0.1", path="/")
    after = [replay.get(f"{base_url}/profil/", allow_redirects=False).status_code for _ in range(PAGES)]
    assert after == [302] * PAGES


def test_a_notification_made_by_another_process_is_in_the_bell_at_once(base_url, pole):
    from peps.notifications.selectors import unread_count
    from peps.notifications.services import notify

    from .conftest import signed_in_session

    person = f.member_of(pole)
    browser = signed_in_session(base_url, person)
    browser.get(f"{base_url}/p/{pole.slug}/")  # the bell's count is now cached in Redis
    before = unread_count(person)

    # This test process plays the task worker or a cron command.
    notify(recipients=[person], kind="test", text="Un message du travailleur", url="/", pole=pole, email=False)

    expected = before + 1
    for _ in range(PAGES):
        html = browser.get(f"{base_url}/p/{pole.slug}/").text
        assert f">{expected}<span" in html, html[:3000]


def test_an_api_rate_limit_holds_across_workers(base_url):
    """The server runs with PEPS_API_RATES=anon=30/min: 30 answers in a minute, whichever
    worker answers (a per-process counter would let three times as many through)."""
    statuses = [requests.get(f"{base_url}/api/poles", timeout=30).status_code for _ in range(60)]
    assert statuses.count(200) == 30, statuses
    assert statuses.count(429) == 30, statuses
