"""`manage.py demo_logins` without a demo (with one: test_seed_demo.py, on its seeded demo)."""

from io import StringIO

from django.core.management import call_command


def test_says_calmly_that_there_is_no_demo(db):
    out, err = StringIO(), StringIO()
    call_command("demo_logins", stdout=out, stderr=err)
    assert "No demo data" in out.getvalue()
    assert err.getvalue() == ""
