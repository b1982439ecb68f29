"""Posting an argument: members only, read-only closed debates, form errors that keep the text."""

from django.urls import reverse

from peps.core.typography import french_text
from peps.deliberation import services
from peps.deliberation.models import ARGUMENT_MAX_LENGTH, Argument


def url(debate):
    return reverse("deliberation:argument_add", kwargs={"pole": debate.pole.slug, "pk": debate.pk})


def test_a_member_posts_an_argument_pour(client, debate, other_member):
    client.force_login(other_member)
    response = client.post(url(debate), {"arg-stance": "pro", "arg-text": "Le Coteau est desservi par le bus."})
    argument = Argument.objects.get()
    assert response.status_code == 302 and f"#argument-{argument.pk}" in response.url
    assert argument.stance == "pro" and argument.author == other_member
    page = client.get(response.url).content.decode()
    assert "Le Coteau est desservi par le bus." in page and "Votre argument est publié." in page


def test_with_htmx_the_form_comes_back_blank_and_the_argument_joins_its_column(client, debate, member):
    client.force_login(member)
    response = client.post(url(debate), {"arg-stance": "con", "arg-text": "Trop cher."}, headers={"HX-Request": "true"})
    content = response.content.decode()
    assert "<html" not in content and 'hx-swap-oob="afterbegin:#column-con"' in content and "Trop cher." in content


def test_a_citizen_cannot_post(client, debate, citizen):
    client.force_login(citizen)
    assert client.post(url(debate), {"arg-stance": "pro", "arg-text": "Oui."}).status_code == 403
    assert not Argument.objects.exists()


def test_a_visitor_is_sent_to_sign_in(client, debate):
    response = client.post(url(debate), {"arg-stance": "pro", "arg-text": "Oui."})
    assert response.status_code == 302 and "/compte/login/" in response.url


def test_an_outsider_gets_a_404_on_a_members_only_debate(client, members_debate, outsider):
    client.force_login(outsider)
    assert client.post(url(members_debate), {"arg-stance": "pro", "arg-text": "Oui."}).status_code == 404


def test_a_closed_debate_is_read_only_with_a_clear_message(client, debate, member, coordinator):
    services.debate_close(debate=debate, by=coordinator, synthesis="Fin.")
    client.force_login(member)
    response = client.post(url(debate), {"arg-stance": "pro", "arg-text": "Trop tard."})
    content = response.content.decode()
    assert response.status_code == 200 and "Ce débat est clos" in content
    assert not Argument.objects.exists()
    assert 'id="argument-form"' not in client.get(debate.get_absolute_url()).content.decode()


def test_an_empty_argument_gives_a_form_error(client, debate, member):
    client.force_login(member)
    content = client.post(url(debate), {"arg-stance": "pro", "arg-text": "  "}).content.decode()
    assert "Écrivez votre argument." in content and not Argument.objects.exists()


def test_an_over_long_argument_gives_a_form_error_and_keeps_the_text(client, debate, member):
    client.force_login(member)
    text = "trop long " * (ARGUMENT_MAX_LENGTH // 10 + 1)
    content = client.post(url(debate), {"arg-stance": "pro", "arg-text": text}).content.decode()
    assert f"ne peut pas dépasser {ARGUMENT_MAX_LENGTH} caractères" in content
    assert text.strip()[:50] in content and not Argument.objects.exists()


def test_a_bad_tag_gives_a_form_error(client, debate, member):
    client.force_login(member)
    content = client.post(url(debate), {"arg-stance": "peut-etre", "arg-text": "Bof."}).content.decode()
    assert french_text("Choisissez « pour », « contre » ou « question ».") in content and not Argument.objects.exists()
