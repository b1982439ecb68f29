"""Pooling opportunities: needs of the same category whose titles share words, expressed by
at least two different projects or structures (three associations each needing part-time
accounting). Titles are folded, stop words dropped, words stemmed (Snowball French)."""

import re
from dataclasses import dataclass, field

import snowballstemmer

from peps.core.text import fold

STOP_WORDS = set(
    """au aux avec ce ces dans de des du elle en et eux il je la le les leur lui ma mais me meme mes moi mon ne nos
    notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous
    besoin besoins cherche cherchons recherche recherchons quelqu quelque chose fois par semaine mois an ans
    deux trois quatre cinq plus tres bien pour notre nos faire avoir etre""".split()
)
WORD = re.compile(r"[a-z0-9]+")
_stemmer = snowballstemmer.stemmer("french")


def title_words(title: str) -> dict[str, str]:
    """{stem: first folded word seen with that stem} of the significant words of a title."""
    words: dict[str, str] = {}
    for word in WORD.findall(fold(title)):
        if len(word) < 3 or word in STOP_WORDS or word.isdigit():
            continue
        words.setdefault(_stemmer.stemWord(word)[:7], word)
    return words


def similar(a: set[str], b: set[str]) -> bool:
    shared = a & b
    return len(shared) >= 2 or (len(shared) == 1 and len(shared) / max(1, min(len(a), len(b))) >= 0.5)


@dataclass
class Opportunity:
    category: str
    needs: list = field(default_factory=list)
    words: list[str] = field(default_factory=list)

    @property
    def owners(self) -> int:
        return len({owner_key(need) for need in self.needs})


def owner_key(need) -> tuple[str, int]:
    return ("project", need.project_id) if need.project_id else ("structure", need.structure_id)


def pooling_opportunities(needs) -> list[Opportunity]:
    """Group similar needs (union of similar pairs, per category); keep groups of two or
    more owners, largest first."""
    needs = list(needs)
    stems = [title_words(need.title) for need in needs]
    parent = list(range(len(needs)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_category: dict[str, list[int]] = {}
    for index, need in enumerate(needs):
        by_category.setdefault(need.category, []).append(index)
    for indexes in by_category.values():
        for position, i in enumerate(indexes):
            for j in indexes[position + 1 :]:
                if owner_key(needs[i]) != owner_key(needs[j]) and similar(set(stems[i]), set(stems[j])):
                    parent[root(j)] = root(i)
    groups: dict[int, list[int]] = {}
    for index in range(len(needs)):
        groups.setdefault(root(index), []).append(index)
    opportunities = []
    for members in groups.values():
        opportunity = Opportunity(category=needs[members[0]].category, needs=[needs[i] for i in members])
        if opportunity.owners < 2:
            continue
        counts: dict[str, int] = {}
        for i in members:
            for stem in stems[i]:
                counts[stem] = counts.get(stem, 0) + 1
        shared = sorted((stem for stem, n in counts.items() if n >= 2), key=lambda s: (-counts[s], s))
        first_seen = {}
        for i in members:
            for stem, word in stems[i].items():
                first_seen.setdefault(stem, word)
        opportunity.words = [first_seen[stem] for stem in shared][:5]
        opportunities.append(opportunity)
    opportunities.sort(key=lambda o: (-o.owners, o.category))
    return opportunities
