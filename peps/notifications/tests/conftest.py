"""Fixtures of the notifications tests."""

import pytest

from peps.core.testing import factories as f


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def alice(db):
    return f.UserFactory(email="alice@example.org", display_name="Alice")


@pytest.fixture
def bob(db):
    return f.UserFactory(email="bob@example.org", display_name="Bob")
