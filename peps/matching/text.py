"""French text analysis for matching: fold accents and case, split into words, drop stop
words, map a few domain synonyms to one word, and stem with the Snowball French stemmer."""

import re
from collections import Counter
from functools import lru_cache

import snowballstemmer

from peps.core.text import fold

MAX_TERM_LENGTH = 40

# Folded French stop words, plus the words every need or offer uses to say it is one
# ("cherche", "propose", "besoin"…): they carry no meaning for matching.
STOP_WORDS = frozenset(
    """
    a ai aie aient aies ait as au aucun aucune aupres aussi autre autres aux avaient avais avait avant avec
    avez aviez avions avoir avons ayant bien c ca car ce ceci cela celle celles celui ces cet cette ceux
    chaque chez comme comment d dans de des deja depuis donc dont du elle elles en encore entre es est et
    etaient etais etait etant ete etes etre eu eux fait faire fois font ici il ils j je jusqu jusque l la
    le les leur leurs lors lui m ma mais me meme memes mes moi moins mon n ne ni nos notre nous on ont or
    ou par parce pas peu peut peuvent peux plus pour pourquoi pourrait pouvons qu quand que quel quelle
    quelles quels qui quoi s sa sans se ses si sien soi soit son sont sous suis sur t ta te tes toi ton
    tous tout toute toutes tres tu un une unes uns vers via voici voila vos votre vous vu y
    etc afin ainsi alors apres cas cela certains certaines dessus dessous selon tel telle tels telles
    besoin besoins cherche cherchons chercher recherche recherchons rechercher propose proposons proposer
    proposent offre offrons offrir souhaite souhaitons souhaiterions aimerions voudrions pourrions
    disposition mettons mettre met mis disponible disponibles possible possibles nombreux nombreuses
    quelqu quelque quelques personne personnes chose choses bonjour merci svp
    deux trois quatre cinq six sept huit neuf dix
    """.split()
)

# Words that mean the same thing for matching, mapped (folded) to one canonical word
# before stemming: « salle » and « local » should meet, so should « fourgon » and « camion ».
SYNONYM_GROUPS: tuple[tuple[str, ...], ...] = (
    ("local", "locaux", "salle", "salles", "espace", "espaces"),
    (
        "camion",
        "camions",
        "fourgon",
        "fourgons",
        "camionnette",
        "camionnettes",
        "utilitaire",
        "utilitaires",
        "vehicule",
        "vehicules",
        "fourgonnette",
    ),
    ("comptabilite", "comptable", "comptables", "compta"),
    ("benevole", "benevoles", "benevolat", "volontaire", "volontaires"),
    ("graphisme", "graphiste", "graphistes", "infographie", "infographiste"),
    ("sonorisation", "sono", "sonos"),
    ("juridique", "juridiques", "juriste", "juristes"),
    ("ordinateur", "ordinateurs", "pc"),
    ("photographie", "photo", "photos", "photographe", "photographes"),
    ("velo", "velos", "bicyclette", "bicyclettes"),
    ("jardin", "jardins", "potager", "potagers"),
    ("formation", "formations", "formateur", "formatrice", "formateurs"),
    ("soir", "soirs", "soiree", "soirees"),
    ("financement", "financements", "financer", "financier", "financiere"),
)
SYNONYMS: dict[str, str] = {word: group[0] for group in SYNONYM_GROUPS for word in group}

_WORD = re.compile(r"[^\W\d_]+")
_stemmer = snowballstemmer.stemmer("french")


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """The index term of one folded word: its synonym's stem, at most 40 characters."""
    return _stemmer.stemWord(SYNONYMS.get(word, word))[:MAX_TERM_LENGTH]


@lru_cache(maxsize=50_000)
def _fold_word(word: str) -> str:
    """fold() of one word, remembered as stem() is: the same words come back in every text."""
    return fold(word)


def words(text: str) -> list[tuple[str, str]]:
    """(folded word, word as written in lower case) for each meaningful word of `text`."""
    pairs = []
    for written in _WORD.findall((text or "").lower()):
        folded = _fold_word(written)
        # « m² » folds to « m2 »: measures and numbers are not words to match on.
        if len(folded) >= 2 and folded.isalpha() and folded not in STOP_WORDS:
            pairs.append((folded, written))
    return pairs


def analyze(text: str) -> list[str]:
    """The stemmed terms of `text`, in order, repeated as often as they occur."""
    return [stem(folded) for folded, _written in words(text)]


def term_weights(title: str, description: str, *, title_weight: int = 2) -> Counter[str]:
    """Term frequencies of a need or offer, words of the title counting `title_weight` times."""
    counts: Counter[str] = Counter()
    for term in analyze(title):
        counts[term] += title_weight
    for term in analyze(description):
        counts[term] += 1
    return counts


def surface_words(text: str) -> dict[str, str]:
    """For each term of `text`, the first word that produced it, as written (for reasons)."""
    shown: dict[str, str] = {}
    for folded, written in words(text):
        shown.setdefault(stem(folded), written)
    return shown


def keyword_set(text: str) -> set[str]:
    """Folded words without stemming or synonyms: what the plain keyword baseline compares."""
    return {folded for folded, _written in words(text)}
