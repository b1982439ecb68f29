"""French typography, in one place: the spaces French punctuation needs, typographic
apostrophes, « 1er » for the first day of a month, elision and articles in sentences built
from names. Pages get it through the `french` filter of the base template (and of the
report's PDF), so catalogue strings, template text and data (names of people, structures,
poles) are set the same way; `french_text` is the same rule for plain text.

Rules (Imprimerie nationale, as most French publishers):
- a narrow no-break space (U+202F) before ; ! ? and inside « »;
- a no-break space (U+00A0) before :;
- ’ for an apostrophe between letters;
- « 1er janvier », never « 1 janvier »;
- quotes inside quotes are “ ”;
- « de », « que », « le » elide before a vowel or a mute h (« d’Élodie », « d’ARDES-MES »).
"""

import functools
import re
import unicodedata

from django.utils import translation
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

NNBSP = "\u202f"  # narrow no-break space (espace fine insécable)
NBSP = "\u00a0"  # no-break space (espace insécable)

# Only existing spaces are replaced before ; ! ? and : (never inserted), so that HTML entities
# (« &amp; ») and URLs written as text stay whole; quotes always get their thin spaces.
_BEFORE_HIGH = re.compile(r"[ \t\n\u00a0\u2009]+([;!?])")
_BEFORE_COLON = re.compile(r"[ \t\n\u202f\u2009]+:")
_OPEN_QUOTE = re.compile(r"«[ \t\n\u00a0\u2009\u202f]*")
_CLOSE_QUOTE = re.compile(r"[ \t\n\u00a0\u2009\u202f]*»")
_APOSTROPHE = re.compile(r"(?<=[^\W\d_])(?:'|&#x27;|&#39;)(?=[^\W\d_])")
MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
MONTHS_SHORT = r"janv\.|févr\.|avr\.|juil\.|sept\.|oct\.|nov\.|déc\."
_FIRST_OF = re.compile(rf"(?<![\d.,/])\b1 (?=(?:{MONTHS}|{MONTHS_SHORT})(?![^\W\d_]))")


_NESTED = re.compile(r"«([^«»]*)«[ \t\n\u00a0\u202f]*([^«»]*?)[ \t\n\u00a0\u202f]*»([^«»]*)»")


# « de Élodie » → « d’Élodie », « que Yves » → « qu’Yves », « le Atelier » → « l’Atelier »: sentences
# built from names (the name comes after a catalogue string ending in « de »).
_ELISION = re.compile(
    r"(?<![\w’'\-])([Dd]e|[Qq]ue|[Ll]e) ((?:<(?:a|strong|em|b|i|span)\b[^>]*>)*)(?=([^\W\d_][\w\-]*))"
)
_ELISION_ACROSS_TAG = re.compile(_ELISION.pattern.replace(")*)(?=", ")+)(?="))
# What every elision across a tag contains, found by a literal scan (the pattern above tries
# its alternatives at every character of the page: most pages have none).
_ACROSS_TAG_HINT = re.compile(r"e <(?:a|strong|em|b|i|span)\b")
_ACROSS_TAG = re.compile(r"e ((?:<(?:a|strong|em|b|i|span)\b[^>]*>)+)(?=([^\W\d_][\w\-]*))")
_ELIDING_WORDS = ("de", "De", "que", "Que", "le", "Le")


def _WORD_BEFORE(char: str) -> bool:  # noqa: N802 (reads as the lookbehind it replaces)
    return char.isalnum() or char in "_’'-"


_NO_ELISION = {"oui", "onze", "onzième", "ouate", "ouistiti", "yacht", "yoga", "yeti", "yéti"}


def _elide(match: re.Match) -> str:
    word, head = match.group(3), match.group(1)
    if word.lower() in _NO_ELISION or not starts_with_vowel_sound(word):
        return match.group(0)
    return head[:-1] + "’" + match.group(2)


# « de le Réseau » → « du Réseau », « à les Ateliers » → « aux Ateliers »: a name stored with
# its article, after « de » or « à » (only before a capital, so « de le faire » stays).
_CONTRACTION = re.compile(r"(?<![\w’'\-])([Dd]e|[Àà]) (le|les) (?=[A-ZÀÂÉÈÊËÎÏÔÖÙÛÜŸÇ])")
_CONTRACTED = {("de", "le"): "du", ("de", "les"): "des", ("à", "le"): "au", ("à", "les"): "aux"}


def _contract(match: re.Match) -> str:
    word = _CONTRACTED[(match.group(1).lower(), match.group(2))]
    return (word.capitalize() if match.group(1)[0].isupper() else word) + " "


def french_text(text: str) -> str:
    """Plain text (not HTML) set in French typography; idempotent."""
    if not text:
        return text
    # Each rule runs only when the characters it needs are there (a scan of the text is much
    # cheaper than a pattern's search): most text nodes need one rule or none.
    if "'" in text or "&#" in text:
        text = _APOSTROPHE.sub("’", text)
    if "e " in text or "à " in text or "À " in text:
        if " le" in text:
            text = _CONTRACTION.sub(_contract, text)
        text = _ELISION.sub(_elide, text)
    if "«" in text:
        # Quotes inside quotes: « Séminaire “Coopérer” », not « Séminaire « Coopérer » ».
        while _NESTED.search(text):
            text = _NESTED.sub(r"«\1“\2”\3»", text)
        text = _OPEN_QUOTE.sub("«" + NNBSP, text)
    if "»" in text:
        text = _CLOSE_QUOTE.sub(NNBSP + "»", text)
    if ";" in text or "!" in text or "?" in text:
        text = _BEFORE_HIGH.sub(NNBSP + r"\1", text)
    if ":" in text:
        text = _BEFORE_COLON.sub(NBSP + ":", text)
    if "1 " in text:
        text = _FIRST_OF.sub("1er ", text)
    return text


# Text is set; tags, comments and the content of these elements are left as they are.
_RAW_ELEMENTS = ("script", "style", "pre", "code", "textarea", "kbd", "samp")
_TOKENS = re.compile(
    r"(<!--.*?-->|<(?P<raw>" + "|".join(_RAW_ELEMENTS) + r")\b[^>]*>.*?</(?P=raw)\s*>|<[^>]*>)",
    re.DOTALL | re.IGNORECASE,
)


# What french_text may change: anything else (most text between tags: labels, names,
# whitespace) is left as it is without running the rules.
_MAY_CHANGE = re.compile(r"[;!?:«»']|&#|\b1 |(?<![\w’'\-])(?:[Dd]e|[Qq]ue|[Ll]e|[Àà]) ")


@functools.lru_cache(maxsize=32768)
def _set_short(text: str) -> str:
    """french_text of a short text node, or the node itself when no rule may change it. The
    same short texts (labels, badges, names, figures) recur on every page and from one request
    to the next, so the answer is remembered (it depends on the text alone): a lookup instead
    of the pattern's scan, which cost more than the rest of french_html on a long page."""
    return french_text(text) if _MAY_CHANGE.search(text) else text


def _set_segment(text: str) -> str:
    """french_text for one text node (a long one is not remembered: it rarely recurs)."""
    if len(text) <= 300:
        return _set_short(text)
    return french_text(text) if _MAY_CHANGE.search(text) else text


def _elide_across_tags(html: str) -> str:
    """« de <a href=…>Élodie</a> » → « d’<a href=…>Élodie</a> »: found from the « e <tag »
    they all contain (a literal the pattern engine finds fast), then the word before checked."""
    out = []
    done = 0
    for match in _ACROSS_TAG.finditer(html):
        e = match.start()
        for head in _ELIDING_WORDS:
            start = e + 1 - len(head)
            if start >= done and html.startswith(head, start) and (start == 0 or not _WORD_BEFORE(html[start - 1])):
                word = match.group(2)
                if word.lower() not in _NO_ELISION and starts_with_vowel_sound(word):
                    out += [html[done:start], head[:-1], "’", match.group(1)]
                    done = match.end(1)
                break
    if not out:
        return html
    out.append(html[done:])
    return "".join(out)


# Characters that re.IGNORECASE takes for a letter besides its two cases (Python's own
# equivalences; a test compares them with re.IGNORECASE over the Basic Multilingual Plane).
_OTHER_CASES = {"i": "İı", "k": "\u212a", "s": "ſ"}


def _cases(letter: str) -> str:
    return letter + letter.upper() + _OTHER_CASES.get(letter, "")


def _any_case(word: str) -> str:
    return "".join(f"[{_cases(letter)}]" for letter in word)


# Where a comment or a raw element may start: the few places where the tokens are not simply
# « < up to the first > » (_TOKENS' first two alternatives). The letters are classes and the
# first two checked ahead: with re.IGNORECASE, the pattern engine folded the case of the
# characters after every « < » of the page, 16 times slower on a long page.
_SPECIAL_START = re.compile(
    "<(?=[!"
    + "".join(dict.fromkeys("".join(_cases(name[0]) for name in _RAW_ELEMENTS)))
    + "][-"
    + "".join(dict.fromkeys("".join(_cases(name[1]) for name in _RAW_ELEMENTS)))
    + "])(?:!--|(?:"
    + "|".join(_any_case(name) for name in _RAW_ELEMENTS)
    + r")\b)"
)
# A text node, after a tag's « > » up to the next « < », holding a character some rule needs: a
# superset of _MAY_CHANGE (« &# », « 1 », « de », « que », « le », « à » reduced to « & », « 1 »,
# « e », « à »), scanned by the pattern engine without trying a lookbehind at every character
# (possessive runs of the other characters, so that it never backtracks). It starts only at
# a tag's « > »: one inside a text node has a tail with no such character when the node has
# none, and the node is found from its tag when it has one.
_TEXT_MAY_CHANGE = re.compile(r">([^<;!?:«»'&1eàÀ]*+(?:[1eàÀ](?! )[^<;!?:«»'&1eàÀ]*+)*+(?:[;!?:«»'&]|[1eàÀ] )[^<]*)")


def _set_region(html: str, start: int, end: int, out: list[str], done: int) -> int:
    """Set the text nodes of html[start:end], a run of plain tags (no comment or raw element)
    that starts after a token and ends at a token's « < » or at the end; what changed goes to
    `out` (the page copied up to `done`), and the new `done` is returned."""
    nodes = []
    last_gt = html.rfind(">", start, end)
    last_lt = html.rfind("<", start, last_gt) if last_gt != -1 else -1
    if last_lt == -1:
        # No tag: one text node, « < » and all.
        nodes.append((start, end))
    else:
        first_lt = html.find("<", start, end)
        # The last tag ends at the first « > » after the last « < » that has one; after it, the
        # text runs to the end (a « < » there, with no « > » after it, is text).
        last_tag_end = html.find(">", last_lt, end) + 1
        nodes.append((start, first_lt))
        nodes += [match.span(1) for match in _TEXT_MAY_CHANGE.finditer(html, first_lt, last_tag_end)]
        nodes.append((last_tag_end, end))
    for node_start, node_end in nodes:
        text = html[node_start:node_end]
        if not text or text.isspace():
            continue
        new = _set_segment(text)
        if new != text:
            out += [html[done:node_start], new]
            done = node_end
    return done


def french_html(html: str) -> str:
    """The text nodes of an HTML document or fragment set in French typography (attribute
    values, scripts, styles and code untouched). Text and tokens are those of _TOKENS (tags,
    comments, raw elements); only the text nodes that may change are cut out, the rest of the
    page copied by slices: splitting a long page into its thousands of nodes cost more than
    setting the few that change."""
    # An elision may cross an inline tag: « de <a href=…>Élodie</a> ».
    if _ACROSS_TAG_HINT.search(html):
        html = _elide_across_tags(html)
    out: list[str] = []
    done = 0
    region = 0  # where the current run of plain tags starts (after a token)
    for candidate in _SPECIAL_START.finditer(html):
        at = candidate.start()
        if at < region:
            continue  # inside the comment or raw element just read
        last_lt = html.rfind("<", region, at)
        if last_lt != -1 and html.find(">", last_lt, at) == -1:
            continue  # inside a tag, as « <a title="<code>"> »
        token = _TOKENS.match(html, at)
        if token is None:
            break  # no « > » after it: the rest is text
        if token.end() == html.find(">", at) + 1:
            continue  # read as a plain tag (no closing tag or « --> »), as the run reads it
        done = _set_region(html, region, at, out, done)
        region = token.end()
    done = _set_region(html, region, len(html), out, done)
    if not out:
        return html
    out.append(html[done:])
    return "".join(out)


def french(value) -> SafeString:
    """For templates: escape plain text first (as autoescape would), then set it when the
    page is in French (English pages keep English typography)."""
    html = str(value) if isinstance(value, SafeString) else str(conditional_escape(value))
    if not (translation.get_language() or "fr").startswith("fr"):
        return mark_safe(html)  # noqa: S308 - escaped above unless already safe
    # Only spaces, apostrophes and quotes change in the text between tags.
    return mark_safe(french_html(html))  # noqa: S308


# --- Elision and articles --------------------------------------------------------------

# Words starting with h that do not elide (h aspiré), as far as names go.
_H_ASPIRE = {"halle", "halles", "hameau", "handicap", "haut", "haute", "hauts", "hautes", "héros", "hêtre", "hall"}


def starts_with_vowel_sound(word: str) -> bool:
    """True before a vowel or a mute h (Élodie, ARDES, Huguette, Yves), false before an
    aspirated h (la Haute-Loire) or a consonant."""
    word = (word or "").strip().lstrip("«“\"' " + NNBSP + NBSP)
    if not word:
        return False
    first = unicodedata.normalize("NFKD", word[0]).encode("ascii", "ignore").decode().lower()
    if first in "aeiou" or (first == "y" and len(word) > 1 and word[1].lower() not in "aeiouy"):
        return True
    if first == "h":
        head = re.split(r"[\s\-’']", word.lower())[0]
        return head not in _H_ASPIRE
    return False


def de(name: str) -> str:
    """« de Marc Petit », « d’Élodie Perrin », « d’ARDES-MES »."""
    name = str(name or "").strip()
    return f"d’{name}" if starts_with_vowel_sound(name) else f"de {name}"


def que(name: str) -> str:
    """« que Marc », « qu’Élodie »."""
    name = str(name or "").strip()
    return f"qu’{name}" if starts_with_vowel_sound(name) else f"que {name}"


def with_article(name: str, article: str) -> str:
    """The name with its stored article: « le Réseau des musées… », « l’Union… », « POLLENS »;
    the bare name on pages in another language. After « de » or « à », the page's French
    filter contracts « de le » into « du »."""
    name, article = str(name or "").strip(), (article or "").strip()
    if not article or not (translation.get_language() or "fr").startswith("fr"):
        return name
    if article in ("l’", "l'"):
        return f"l’{name}"
    return f"{article} {name}"


def de_article(name: str, article: str) -> str:
    """« de POLLENS », « du Réseau… », « des Ateliers… », « de l’Union… », « de la Maison… »."""
    article = (article or "").strip().lower()
    if article == "le":
        return f"du {name}"
    if article == "les":
        return f"des {name}"
    if article in ("la", "l’", "l'"):
        return f"de {with_article(name, article)}"
    return de(name)


def a_article(name: str, article: str) -> str:
    """« à POLLENS », « au Réseau… », « aux Ateliers… », « à la Maison… », « à l’Union… »."""
    article = (article or "").strip().lower()
    if article == "le":
        return f"au {name}"
    if article == "les":
        return f"aux {name}"
    if article in ("la", "l’", "l'"):
        return f"à {with_article(name, article)}"
    return f"à {name}"
