"""French sorting of names, as people expect to read a list: accents and case do not count
(« Éoliennes » among the E), numbers count as numbers (« n° 2 » before « n° 10 »), and
quotes or punctuation at the start are ignored."""

import re
import unicodedata

_PARTS = re.compile(r"(\d+)")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text or "")
    folded = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    # « œ » and « æ » sort as « oe » and « ae »; punctuation and spaces between words do not separate.
    folded = folded.replace("œ", "oe").replace("æ", "ae")
    return re.sub(r"[^\w\d]+", " ", folded).strip()


def french_sort_key(text: str) -> tuple:
    """A key for sorted(): digits before letters, numbers by value, then the exact text as
    a tie-break so that the order is stable (« Eole » before « Éole »)."""
    parts = []
    for index, part in enumerate(_PARTS.split(_fold(text))):
        if not part:
            continue
        parts.append((0, int(part), "") if index % 2 else (1, 0, part))
    return (tuple(parts), text or "")
