"""The personal tokens page (/api/jetons/): create a token (key shown once, only its hash kept),
list one's tokens, revoke one; someone else's token is a 404."""

import hashlib

from peps.api.models import ApiToken
from peps.api.services import api_token_create
from peps.core.testing import factories as f


def test_anonymous_is_sent_to_login(client):
    response = client.get("/api/jetons/")
    assert response.status_code == 302 and "/compte/login/" in response["Location"]


def test_member_creates_a_token_and_sees_the_key_once(client, member):
    client.force_login(member)
    response = client.post("/api/jetons/", {"name": "Tableur de suivi"})
    assert response.status_code == 200
    key = response.context["new_key"]
    assert key.startswith("peps_") and key in response.content.decode()
    token = ApiToken.objects.get(user=member)
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key not in str(ApiToken.objects.values_list().get())
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    again = client.get("/api/jetons/")
    assert key not in again.content.decode() and "Tableur de suivi" in again.content.decode()
    assert client.get("/api/moi", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200


def test_a_token_needs_a_name(client, member):
    client.force_login(member)
    response = client.post("/api/jetons/", {"name": "  "})
    assert response.status_code == 200 and not ApiToken.objects.exists()
    assert response.context["form"].errors


def test_member_revokes_their_token(client, member):
    token, key = api_token_create(user=member, name="Script")
    client.force_login(member)
    response = client.post(f"/api/jetons/{token.pk}/revoquer/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert client.get("/api/moi", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401


def test_someone_else_token_is_404(client, member):
    token, _key = api_token_create(user=f.UserFactory(), name="Pas à moi")
    client.force_login(member)
    assert client.post(f"/api/jetons/{token.pk}/revoquer/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_page_queries_are_bounded(client, member, django_assert_max_num_queries):
    for n in range(10):
        api_token_create(user=member, name=f"Jeton {n}")
    client.force_login(member)
    with django_assert_max_num_queries(8):
        assert client.get("/api/jetons/").status_code == 200
