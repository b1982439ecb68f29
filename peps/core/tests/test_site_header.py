"""The header of every page: its fixed words are translated once per language and process
(core.jinja.words), so each request must still get its own language's words."""

from django.urls import reverse


def test_the_header_speaks_the_language_of_each_request(client, pole, coordinator):
    client.force_login(coordinator)
    home = reverse("poles:home", args=[pole.slug])
    for language, home_label, sign_out in [
        ("fr", "Accueil", "Se déconnecter"),
        ("en", "Home", "Sign out"),
        ("fr", "Accueil", "Se déconnecter"),
    ]:
        client.cookies["django_language"] = language
        html = client.get(home).content.decode()
        assert f'<a href="{home}" aria-current="page">{home_label}</a>' in html
        assert f'">{sign_out}</a>' in html


def test_only_the_current_section_is_marked(client, pole):
    html = client.get(reverse("poles:home", args=[pole.slug])).content.decode()
    assert html.count('aria-current="page"') == 1
