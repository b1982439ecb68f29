"""The privacy page (/confidentialite/): what is kept and why, retention, rights, contact, and
the links to download one's data and delete one's account."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_privacy_page_states_what_is_kept_why_and_links_to_the_rights(client):
    html = client.get("/confidentialite/").content.decode()
    assert html.count("<h1>") == 1
    for words in [
        "Adhésions et cotisations",
        "comptes de l’association",
        "Combien de temps",
        "CNIL",
        "Compte supprimé",
    ]:
        assert words in html
    assert "bulletin secret" in html and "Lettre d’information" in html
    for name in ["accounts:data", "accounts:delete", "accounts:newsletters", "accounts:profile_edit"]:
        assert reverse(name) in html
