"""The debate page: for and against side by side, questions below, bounded queries even
with 1,000 arguments, "voir plus" per column, and who may read what."""

import re

import pytest
from django.urls import reverse

from peps.deliberation.demo import seed_big_debate

from .factories import ReplyFactory, arguments_for


def url(debate):
    return reverse("deliberation:detail", kwargs={"pole": debate.pole.slug, "pk": debate.pk})


def column_html(content: str, stance: str) -> str:
    match = re.search(
        rf'<ol class="arguments" id="column-{stance}">(.*?)</ol>\s*(?:<p id="more|</section>)', content, re.S
    )
    assert match, f"no column {stance}"
    return match.group(1)


def test_arguments_are_grouped_in_their_columns(client, debate):
    arguments_for(debate, "pro", 2, text="Argument POUR")
    arguments_for(debate, "con", 3, text="Argument CONTRE")
    arguments_for(debate, "question", 1, text="Une QUESTION")
    content = client.get(url(debate)).content.decode()
    pro, con, question = (column_html(content, s) for s in ("pro", "con", "question"))
    assert pro.count("Argument POUR") == 2 and "CONTRE" not in pro
    assert con.count("Argument CONTRE") == 3 and "POUR" not in con
    assert question.count("Une QUESTION") == 1
    # Pour and contre share the two-column grid; questions come after it.
    assert content.index('class="debate-columns"') < content.index("column-pro") < content.index("column-con")
    assert (
        content.index("column-con") < content.index("debate-columns-questions") < content.index('id="column-question"')
    )


def test_the_most_useful_arguments_come_first_then_the_most_recent_on_request(client, debate):
    low, high = arguments_for(debate, "pro", 2)
    high.reactions_count = 5
    high.save()
    pro = column_html(client.get(url(debate)).content.decode(), "pro")
    assert pro.index(high.text) < pro.index(low.text)
    pro = column_html(client.get(url(debate) + "?tri=recents").content.decode(), "pro")
    assert pro.index(high.text) < pro.index(low.text)  # high was created last
    assert client.get(url(debate) + "?tri=n-importe").status_code == 200


def test_a_column_shows_its_top_arguments_and_a_voir_plus_link(client, debate):
    arguments_for(debate, "pro", 14)
    content = client.get(url(debate)).content.decode()
    assert column_html(content, "pro").count('<li id="argument-') == 10
    more = reverse("deliberation:column", kwargs={"pole": debate.pole.slug, "pk": debate.pk, "stance": "pro"})
    assert f"{more}?page=2" in content
    page2 = client.get(f"{more}?page=2")
    assert page2.status_code == 200 and page2.content.decode().count('<li id="argument-') == 4
    partial = client.get(f"{more}?page=2", headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in partial and partial.count('<li id="argument-') == 4 and 'hx-swap-oob="outerHTML"' in partial
    # deliberation/debate.js gives the focus to the first appended argument.
    assert partial.count("data-focus-first") == 1 and "data-focus-first" not in content


def test_an_unknown_column_is_a_404(client, debate):
    more = reverse("deliberation:column", kwargs={"pole": debate.pole.slug, "pk": debate.pk, "stance": "peut-etre"})
    assert client.get(more).status_code == 404


def test_the_first_replies_are_shown_under_their_argument(client, debate):
    (argument,) = arguments_for(debate, "con", 1)
    ReplyFactory.create_batch(7, argument=argument, text="Une réponse")
    argument.replies_count = 7
    argument.save()
    content = client.get(url(debate)).content.decode()
    assert content.count("Une réponse") == 5
    assert "Voir les 7 réponses" in content


def test_visitors_read_public_debates_but_not_members_only_ones(client, debate, members_debate):
    assert client.get(url(debate)).status_code == 200
    assert client.get(url(members_debate)).status_code == 404


def test_outsiders_get_a_404_on_members_only_debates_and_members_read_them(client, members_debate, outsider, member):
    client.force_login(outsider)
    assert client.get(url(members_debate)).status_code == 404
    client.force_login(member)
    assert client.get(url(members_debate)).status_code == 200


def test_a_debate_of_another_pole_is_a_404(client, debate, other_pole):
    assert (
        client.get(reverse("deliberation:detail", kwargs={"pole": other_pole.slug, "pk": debate.pk})).status_code == 404
    )


def test_a_visitor_is_invited_to_sign_in_and_a_citizen_told_posting_is_for_members(client, debate, citizen):
    assert "Connectez-vous pour participer" in client.get(url(debate)).content.decode()
    client.force_login(citizen)
    content = client.get(url(debate)).content.decode()
    assert "Seuls les membres du pôle peuvent poster" in content and 'id="argument-form"' not in content


@pytest.mark.parametrize("who", ["anonymous", "member"])
def test_a_debate_with_1000_arguments_runs_in_bounded_queries(
    client, pole, member, coordinator, who, django_assert_max_num_queries
):
    debate = seed_big_debate(pole, arguments=1000)
    assert debate.arguments_count == 1000
    if who == "member":
        client.force_login(member)
    with django_assert_max_num_queries(10):
        response = client.get(url(debate))
    content = response.content.decode()
    assert response.status_code == 200 and content.count('<li id="argument-') == 30
    more = reverse("deliberation:column", kwargs={"pole": pole.slug, "pk": debate.pk, "stance": "con"})
    with django_assert_max_num_queries(10):
        assert client.get(f"{more}?page=20").status_code == 200
