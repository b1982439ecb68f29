"""Rate limits: beyond the allowed calls per minute, a 429 in JSON with a French message."""


def test_visitor_gets_429_after_the_limit(client, settings, seeded):
    settings.PEPS_API_RATES = {"anon": "3/min", "auth": "100/min"}
    statuses = [client.get("/api/poles").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get("/api/poles")
    assert response.json()["detail"].startswith("Trop de requêtes")
    assert int(response["Retry-After"]) >= 1


def test_token_holder_has_their_own_limit(client, settings, seeded, auth):
    settings.PEPS_API_RATES = {"anon": "1/min", "auth": "2/min"}
    assert client.get("/api/poles").status_code == 200
    assert client.get("/api/poles").status_code == 429
    assert [client.get("/api/moi", **auth).status_code for _ in range(3)] == [200, 200, 429]
