"""The editor of network administrators: create, import, new version, publish, items
(add, edit, move, delete with confirmation), and the read-only frozen version."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from peps.core.typography import french_text
from peps.referentials import services
from peps.referentials.models import Item, Referential, Version

pytestmark = pytest.mark.django_db


def url(version, name, **extra):
    return reverse(f"referentials:{name}", kwargs={"slug": version.referential.slug, "number": version.number, **extra})


@pytest.fixture
def admin_client(client, network_admin):
    client.force_login(network_admin)
    return client


def test_editor_pages_redirect_anonymous_visitors_to_login(client, ptce):
    response = client.get(url(ptce, "item_add"))
    assert response.status_code == 302 and "/compte/login/" in response.url
    assert client.post(url(ptce, "version_new")).status_code == 302


@pytest.mark.parametrize("who", ["coordinator", "member", "outsider"])
def test_editor_is_forbidden_to_others(client, ptce, who, request):
    client.force_login(request.getfixturevalue(who))
    item = ptce.items.get(code="a1")
    assert client.get(reverse("referentials:create")).status_code == 403
    assert client.get(reverse("referentials:import")).status_code == 403
    assert client.get(url(ptce, "item_add")).status_code == 403
    assert client.post(url(ptce, "item_edit", pk=item.pk), {"code": "a1", "label": "x"}).status_code == 403
    assert client.post(url(ptce, "item_delete", pk=item.pk)).status_code == 403
    assert client.post(url(ptce, "version_new")).status_code == 403
    assert Version.objects.count() == 1 and Item.objects.get(pk=item.pk).label == ""


def test_admin_creates_a_referential(admin_client):
    response = admin_client.post(
        reverse("referentials:create"),
        {"name": "Grille d’émergence", "slug": "emergence", "level_names": "Axe\nQuestion", "version_label": "v1"},
    )
    version = Version.objects.get(referential__slug="emergence")
    assert response.url == version.get_absolute_url()
    assert version.level_names == ["Axe", "Question"] and not version.is_published


def test_create_with_a_taken_slug_keeps_what_was_typed(admin_client, ptce):
    response = admin_client.post(reverse("referentials:create"), {"name": "Doublon", "slug": "referentiel-ptce"})
    assert response.status_code == 200 and "déjà cet identifiant" in response.text and "Doublon" in response.text


def test_admin_adds_an_item_under_a_parent(admin_client, small):
    a = small.items.get(code="A")
    response = admin_client.post(
        url(small, "item_add"), {"parent": a.pk, "code": "A3", "label": "Indicateur A3", "theme": "T"}
    )
    assert response.status_code == 302
    assert small.items.get(code="A3").parent == a


def test_add_form_prefills_the_parent(admin_client, small):
    a = small.items.get(code="A")
    response = admin_client.get(url(small, "item_add") + f"?parent={a.pk}")
    assert f'<option value="{a.pk}" selected>' in response.text


def test_duplicate_code_is_shown_on_the_field(admin_client, small):
    response = admin_client.post(url(small, "item_add"), {"code": "A1", "label": "Doublon"})
    assert response.status_code == 200 and "déjà utilisé dans cette version" in response.text


def test_admin_completes_a_label(admin_client, small):
    a2 = small.items.get(code="A2")
    response = admin_client.post(
        url(small, "item_edit", pk=a2.pk), {"parent": a2.parent_id, "code": "A2", "label": "Indicateur A2"}
    )
    assert response.status_code == 302
    a2.refresh_from_db()
    assert a2.label == "Indicateur A2" and not a2.to_complete


def test_move_and_delete_with_confirmation(admin_client, small):
    b = small.items.get(code="B")
    admin_client.post(url(small, "item_move", pk=b.pk), {"direction": "up"})
    assert small.items.get(code="B").position == 0
    confirm = admin_client.get(url(small, "item_delete", pk=b.pk))
    assert "Son sous-élément sera supprimé aussi." in confirm.text
    assert small.items.filter(code="B").exists()
    admin_client.post(url(small, "item_delete", pk=b.pk))
    assert not small.items.filter(code__in=["B", "B1"]).exists()


def test_item_of_another_version_is_404(admin_client, small, ptce):
    other = ptce.items.get(code="a1")
    assert admin_client.get(url(small, "item_edit", pk=other.pk)).status_code == 404


def test_new_version_then_publish(admin_client, ptce):
    response = admin_client.post(url(ptce, "version_new"), {"label": "Socle 2013"})
    new = Version.objects.get(referential=ptce.referential, number=2)
    assert response.url == new.get_absolute_url() and new.label == "Socle 2013" and new.based_on == ptce
    admin_client.post(url(new, "version_publish"))
    new.refresh_from_db()
    assert new.is_published


def test_frozen_version_is_read_only_with_an_explanation(admin_client, ptce):
    services.version_freeze(version=ptce)
    page = admin_client.get(url(ptce, "version")).text
    assert "Cette version est figée" in page and "Créer une nouvelle version" in page
    assert "Ajouter un sous-élément" not in page
    item = ptce.items.get(code="a1")
    form = admin_client.get(url(ptce, "item_edit", pk=item.pk))
    assert "figée" in form.text and '<form method="post" novalidate>' not in form.text
    refused = admin_client.post(url(ptce, "item_edit", pk=item.pk), {"code": "a1", "label": "Tentative"})
    assert refused.status_code == 200 and "figée" in refused.text
    deleted = admin_client.post(url(ptce, "item_delete", pk=item.pk))
    assert deleted.status_code == 409 and ptce.items.filter(pk=item.pk).exists()
    item.refresh_from_db()
    assert item.label == ""


def test_import_form_accepts_a_yaml_file(admin_client, small):
    text = (
        "referential: {slug: importe, name: Importé}\nversion: {label: v1, level_names: [Axe]}\n"
        "items:\n  - {code: X, label: Axe X}\n"
    )
    upload = SimpleUploadedFile("ref.yaml", text.encode(), content_type="application/yaml")
    response = admin_client.post(reverse("referentials:import"), {"file": upload, "publish": "on"})
    version = Version.objects.get(referential__slug="importe")
    assert response.url == version.get_absolute_url() and version.is_published


def test_import_form_shows_every_error_without_a_500(admin_client):
    upload = SimpleUploadedFile("ref.json", b'{"referential": {"slug": "x", "name": "X"}, "items": [{"label": "a"}]}')
    response = admin_client.post(reverse("referentials:import"), {"file": upload})
    assert response.status_code == 200
    assert french_text("items[0] : le champ « code » manque.") in response.text
    assert not Referential.objects.filter(slug="x").exists()


def test_import_refuses_other_extensions(admin_client):
    upload = SimpleUploadedFile("ref.txt", b"hello")
    response = admin_client.post(reverse("referentials:import"), {"file": upload})
    assert "Choisissez un fichier .yaml" in response.text
