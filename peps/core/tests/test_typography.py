"""French typography: one helper for catalogue strings, template text and data."""

import random
import re

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.safestring import mark_safe

from peps.core.typography import NBSP, NNBSP, a_article, de, de_article, french, french_html, french_text, with_article


def test_spaces_before_high_punctuation_and_inside_quotes():
    text = french_text("Restaurant d'insertion « La Table du Canal » : vraiment ? Oui ! Bien ; merci")
    assert text == (
        f"Restaurant d’insertion «{NNBSP}La Table du Canal{NNBSP}»{NBSP}: vraiment{NNBSP}? Oui{NNBSP}! Bien{NNBSP}; merci"
    )


def test_idempotent_and_leaves_entities_and_urls_alone():
    once = french_text("A &amp; B : https://exemple.org/?q=1 ; « x »")
    assert french_text(once) == once
    assert "&amp;" in once and "https://exemple.org/?q=1" in once


def test_first_of_the_month():
    assert french_text("le 1 janvier 2026 et le 2 déc. 2026") == "le 1er janvier 2026 et le 2 déc. 2026"
    assert french_text("le 1er mars, le 1 oct. et le 21 mars") == "le 1er mars, le 1er oct. et le 21 mars"
    assert french_text("1 marsouin, 1,1 mars") == "1 marsouin, 1,1 mars"


def test_nested_quotes_become_english_quotes_inside():
    assert french_text("« Séminaire « Coopérer » »") == f"«{NNBSP}Séminaire “Coopérer”{NNBSP}»"


def test_elision_before_a_vowel_or_a_mute_h():
    assert french_text("Mettre fin au mandat de Élodie Perrin") == "Mettre fin au mandat d’Élodie Perrin"
    assert french_text("Réponse de ARDES-MES") == "Réponse d’ARDES-MES"
    assert (
        french_text("de Hélène, de Marc, de la Haute-Loire, de onze") == "d’Hélène, de Marc, de la Haute-Loire, de onze"
    )
    assert de("Élodie") == "d’Élodie" and de("Marc") == "de Marc"


def test_articles_stored_with_a_name():
    translation.deactivate()  # the default language, French
    assert with_article("Réseau des musées", "le") == "le Réseau des musées"
    assert with_article("Union des coopératives", "l’") == "l’Union des coopératives"
    assert with_article("POLLENS", "") == "POLLENS"
    assert de_article("Réseau des musées", "le") == "du Réseau des musées"
    assert de_article("Ateliers", "les") == "des Ateliers"
    assert de_article("Maison de l’ESS", "la") == "de la Maison de l’ESS"
    assert de_article("ARDES", "") == "d’ARDES"
    assert a_article("Réseau des musées", "le") == "au Réseau des musées"


def test_html_text_is_set_but_not_tags_scripts_attributes_or_code():
    html = mark_safe(
        '<p title="a : b">« <a href="/x?y=1">Table</a> » ?</p><script>a ? b : c</script>'
        '<textarea>x : y</textarea><code>a : b</code> L&#x27;Atelier de <a href="/p">Élodie</a>'
    )
    with translation.override("fr"):
        out = french(html)
    assert '<p title="a : b">' in out and '<a href="/x?y=1">' in out
    assert f"«{NNBSP}<a" in out and f"</a>{NNBSP}»{NNBSP}?" in out
    assert "<script>a ? b : c</script>" in out and "<textarea>x : y</textarea>" in out and "<code>a : b</code>" in out
    assert "L’Atelier d’<a" in out


def test_plain_values_are_escaped_first():
    with translation.override("fr"):
        assert french("<b>Ça</b> : ok") == f"&lt;b&gt;Ça&lt;/b&gt;{NBSP}: ok"


def test_english_pages_keep_english_typography():
    with translation.override("en"):
        assert french("Really ? Yes : no") == "Really ? Yes : no"


def test_template_filter_wraps_a_page():
    template = Template(
        "{% load peps %}{% filter french %}<p>Réponse de {{ name }} : « {{ title }} »</p>{% endfilter %}"
    )
    with translation.override("fr"):
        out = template.render(Context({"name": "ARDES-MES", "title": "<Coop>"}))
    assert out == f"<p>Réponse d’ARDES-MES{NBSP}: «{NNBSP}&lt;Coop&gt;{NNBSP}»</p>"


def test_a_name_with_its_article_after_de_or_a():
    with translation.override("fr"):
        name = with_article("Réseau des musées", "le")
        assert french_text(f"Adhérer à la charte de {name}") == "Adhérer à la charte du Réseau des musées"
        assert french_text(f"Bienvenue à {with_article('Ateliers', 'les')}") == "Bienvenue aux Ateliers"
    assert french_text("Il est temps de le faire") == "Il est temps de le faire"
    with translation.override("en"):
        assert with_article("Réseau des musées", "le") == "Réseau des musées"


def test_elision_across_inline_tags_checks_the_whole_word_before():
    html = (
        '<p>Réponse de <a href="/s"><strong>ARDES</strong></a>, mandat de <span>Marc</span>, '
        'code <a href="/c">Atelier</a>, Que <em>Yves</em> vienne, la Halle de <a href="/h">Haute-Loire</a>.</p>'
    )
    out = french_html(html)
    assert 'Réponse d’<a href="/s"><strong>ARDES' in out  # across two tags
    assert "mandat de <span>Marc" in out  # a consonant: no elision
    assert 'code <a href="/c">Atelier' in out  # « code » is not « de »
    assert "Qu’<em>Yves" in out
    assert 'de <a href="/h">Haute-Loire' in out  # aspirated h


def _french_html_by_tokens(html: str) -> str:
    """french_html as it was written first: the page split into all its text nodes and tokens
    (tags, comments, raw elements) by one pattern, every text node set. french_html cuts out
    only the nodes that may change; both must give the same page."""
    from peps.core.typography import _ACROSS_TAG_HINT, _TOKENS, _elide_across_tags, _set_segment

    if _ACROSS_TAG_HINT.search(html):
        html = _elide_across_tags(html)
    parts = _TOKENS.split(html)
    step = 1 + _TOKENS.groups
    texts, tokens = parts[::step], parts[1::step]
    texts = [text if not text or text.isspace() else _set_segment(text) for text in texts]
    out = [""] * (len(texts) + len(tokens))
    out[::2] = texts
    out[1::2] = tokens
    return "".join(out)


TRICKY = [
    # Attributes with « : », « ; », « ? », quotes and apostrophes, set nowhere.
    "<p title=\"a : b ; « c » l'd\" data-x='1 janvier'>Texte : oui ; « non » l'a</p>",
    '<a href="/x?y=1&amp;z=2#a:b">Voir : la liste ?</a> ; fin !',
    # Raw elements, whatever their case and spacing, and their content with tags and « > ».
    "<script>if (a < b && c > d) { x = 'l'a' ; y ? z : w }</script> après : oui",
    '<SCRIPT type="module">a ? b : c</Script\n> et : « ça »',
    "<style>p:hover { color: red; }</style><pre>x : y\n« z »</pre><code>a ; b</code>",
    "<textarea name=t>de Élodie : ok ?</textarea><kbd>Ctrl : C</kbd><samp>a ! b</samp> de Élodie",
    "<pre-x>a : b</pre-x> <codex>c : d</codex> <code>a : b",  # not raw elements; no closing tag
    # Comments, with tags, « > » and « -- » inside; a comment never closed.
    "<!-- a : b <p>c ; d</p> --> e : f <!----> g ? <!--> h : i --> j ; k",
    "x : y <!-- never closed : z <b>a ; b</b>",
    # Entities and numeric apostrophes.
    "L&#x27;Atelier &amp; l&#39;Union : 1 janvier &lt;b&gt; ; « &quot;x&quot; »",
    # « < » and « > » in text; a tag never closed; an attribute holding a tag.
    "a > b : c <p>d > e ; f</p> g < h : i",
    '<a title="<code>">de Élodie : x</a> <b>ok ?',
    "texte seul : sans balise ; « fin »",
    '<p>Réponse de <a href="/s"><strong>ARDES</strong></a> : « <em>oui</em> » ?</p>',
]


@pytest.mark.parametrize("html", TRICKY)
def test_french_html_sets_the_same_text_nodes_as_a_full_split(html):
    assert french_html(html) == _french_html_by_tokens(html)


def test_french_html_leaves_attributes_raw_elements_comments_and_entities():
    html = (
        '<p title="a : b">x : y</p><script>a ? b : c</script><!-- d : e --><code>f : g</code>'
        "<STYLE>h:i ; j</STYLE> L&#39;Atelier &amp; co : fin"
    )
    assert french_html(html) == (
        f'<p title="a : b">x{NBSP}: y</p><script>a ? b : c</script><!-- d : e --><code>f : g</code>'
        f"<STYLE>h:i ; j</STYLE> L’Atelier &amp; co{NBSP}: fin"
    )


def test_french_html_matches_a_full_split_on_random_markup():
    """Random pages made of the pieces where the two could part: tags and their ends, raw
    elements in any case, comments, entities, « < » and « > » in text, and text that rules set."""
    pieces = [
        "<", ">", "<!--", "-->", "<!-->", "<script>", "</script>", '<SCRIPT type="m">', "</script >", "<code>",
        "</CODE>", "<ſcript>", "</ſcrıpt>", "<\u212abd>", "</kbd >", "<pre>", "</pre>", "<pre-x>", "<textarea>", "</textarea>", "<samp >", "</samp>", "<style>",
        '<a href="x:y?z=1;w">', "</a>", '<p title="a : b « c »">', "</p>", "<span>", "<strong>", "<em>",
        "de ", "que ", "Le ", "à ", "les ", "Élodie", "Haute", "oui", "Marc", " : ", " ; ", " ! ", " ? ", ":", "?",
        "«", "»", "« ", " »", "'", "&#39;", "&amp;", "1 janvier", "1 ", " ", "\n", NBSP, NNBSP, "x", "e", "e <a>",
        "L'", "-", "’", '<a title="<code>">',
    ]  # fmt: skip
    rng = random.Random(20261208)
    for _ in range(3000):
        html = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        assert french_html(html) == _french_html_by_tokens(html), html


def test_raw_elements_are_found_in_any_case_as_re_ignorecase_finds_them():
    """_SPECIAL_START spells each letter of the raw elements' names as a class (re.IGNORECASE
    was slow): the same characters as re.IGNORECASE takes, over the Basic Multilingual Plane
    (no character beyond it folds to an ASCII letter)."""
    from peps.core.typography import _RAW_ELEMENTS, _any_case

    characters = [chr(code) for code in range(0x10000)]
    for letter in sorted(set("".join(_RAW_ELEMENTS))):
        pattern = re.compile(letter, re.IGNORECASE)
        folded = {character for character in characters if pattern.fullmatch(character)}
        assert set(_any_case(letter)[1:-1]) == folded, letter
