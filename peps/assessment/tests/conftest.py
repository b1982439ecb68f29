"""Fixtures of the self-assessment: a small referential version and an open campaign
inviting POLLENS and the other pole."""

import pytest

from . import factories as af


@pytest.fixture
def version(db):
    return af.small_version()


@pytest.fixture
def campaign(pole, other_pole, version):
    return af.campaign([pole, other_pole], version=version)
