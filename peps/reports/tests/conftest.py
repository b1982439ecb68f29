"""Fixtures of reports: private files in a temporary folder, tasks inline, a seeded year."""

import pytest

from . import factories as rf


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    """What PEPS_TESTING=1 should give (the root conftest sets it after the settings are
    loaded), and generated PDFs kept out of the project's var/ folder."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.PEPS_ANONYMOUS_CACHE_SECONDS = 0
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.PEPS_PRIVATE_ROOT = str(tmp_path / "private")
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def board_member(pole):
    from peps.core.testing import factories as f

    return f.member_of(pole, role="board", email="bea.conseil@example.org", display_name="Béa")


@pytest.fixture
def seeded(pole, coordinator):
    """A year (2024) of activity of POLLENS, with rows just before and after it."""
    return rf.seed_year(pole, year=rf.YEAR, by=coordinator)
