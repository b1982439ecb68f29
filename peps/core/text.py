"""Text helpers shared by search and slugs: accent and case folding."""

import unicodedata


def fold(text: str) -> str:
    """Lower-case and strip accents, so that « Économie » matches « economie »."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def search_terms(query: str, limit: int = 8) -> list[str]:
    """Split a user query into at most `limit` folded words of two letters or more."""
    words = [w.strip(".,;:!?()[]\"'«»") for w in fold(query).split()]
    return [w for w in words if len(w) >= 2][:limit]


def build_search_text(*parts: str | None) -> str:
    """The folded text stored beside a row and searched with LIKE."""
    return " ".join(fold(p) for p in parts if p)[:4000]
