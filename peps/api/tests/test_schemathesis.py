"""schemathesis against the running app: every operation of the OpenAPI description, with
generated inputs, must answer without a server error, with a documented status code and a
body that conforms to the schema. Public and members-only rows are seeded, and no
members-only value may appear in any response."""

import pytest
import schemathesis
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.config import SchemathesisConfig

from peps.api.services import api_token_create
from peps.core.testing import factories as f
from peps.opendata.tests.factories import SECRETS, seed_open_data


@pytest.fixture
def api_schema(live_server, settings, pole, commune):
    # Thousands of calls in a minute: the rate limits are tested on their own (test_throttle.py).
    settings.PEPS_API_RATES = {"anon": "100000/min", "auth": "100000/min"}
    holder = f.member_of(pole, email="schemathesis@example.org")
    seed_open_data(pole, commune, representative=holder, holder=holder)
    f.member_of(f.PoleFactory(slug="autre"), email="ailleurs@example.org")
    key = api_token_create(user=holder, name="schemathesis")[1]
    # 127.0.0.1 rather than « localhost »: no IPv6 attempt first on every call.
    base = live_server.url.replace("localhost", "127.0.0.1")
    # The description is built at its first request: under a loaded CI that once took longer
    # than the default 10 s.
    schema = schemathesis.openapi.from_url(f"{base}/api/openapi.json", timeout=120, config=CONFIG)
    HEADERS["Authorization"] = f"Bearer {key}"
    return schema


# The coverage phase sends, for each write operation, some 320 bodies each wrong in one field
# (a third of all the calls, a minute each under CI's load): test_fuzz_fields.py walks the
# same description systematically (null, wrong types, one step past each bound) for a
# fraction of that. The reads keep it, for their query parameters; the writes keep the
# examples and the generated bodies.
CONFIG = SchemathesisConfig.from_dict(
    {"operations": [{"include-method-regex": "^(POST|PATCH)$", "phases": {"coverage": {"enabled": False}}}]}
)
# Filled by the fixture: the seeded member's token, sent with every call (the public
# endpoints ignore it; the members' ones are then exercised past authentication).
HEADERS: dict[str, str] = {}
schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@hypothesis_settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_api_conforms_to_its_openapi_description(case):
    response = case.call_and_validate(headers=HEADERS)
    for secret in SECRETS:
        assert secret not in response.text, f"{case.method} {case.path} leaked « {secret} »"
