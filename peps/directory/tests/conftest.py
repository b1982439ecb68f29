"""Fixtures of the directory's tests."""

import pytest


@pytest.fixture
def login(client):
    """Sign a person in on the test client: login(user) returns the client."""

    def _login(user):
        client.force_login(user)
        return client

    return _login
