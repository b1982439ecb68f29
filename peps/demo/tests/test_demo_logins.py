"""`manage.py demo_logins`: what `make run` prints before serving."""

from io import StringIO

import pytest
from django.core.management import call_command

from peps.demo import demo
from peps.demo.bulk import DEMO_PASSWORD


@pytest.mark.slow
def test_prints_the_demo_logins_and_the_pole_address(roannais):
    call_command("seed", "demo", stdout=StringIO())
    out = StringIO()
    call_command("demo_logins", stdout=out)
    text = out.getvalue()
    assert "http://127.0.0.1:8000/p/pollens/" in text
    assert DEMO_PASSWORD in text
    for email in (demo.COORDINATOR_EMAIL, demo.NETWORK_ADMIN_EMAIL, demo.MEMBER_EMAIL, demo.HOLDER_EMAIL):
        assert email in text


def test_says_calmly_that_there_is_no_demo(db):
    out, err = StringIO(), StringIO()
    call_command("demo_logins", stdout=out, stderr=err)
    assert "No demo data" in out.getvalue()
    assert err.getvalue() == ""
