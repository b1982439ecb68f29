"""Numbers for people, formatted once and fast: « 12 345,6 » in French, « 12,345.6 » in English.

Django's `localize` goes through the format machinery on every call; in a list of a thousand
rows that shows. Machine-read places (SVG, JSON, CSV, data attributes) never use this.
"""

from django.utils.translation import get_language

NARROW_NBSP = "\u202f"  # the French thousands separator (CLDR)
SEPARATORS = {"fr": (NARROW_NBSP, ","), "en": (",", ".")}


def fr_number(value, decimals: int | None = None) -> str:
    """`value` grouped by thousands in the active language; `decimals` fixes the digits after
    the decimal mark (default: none for whole numbers, up to 2 otherwise)."""
    if value is None or value == "":
        return ""
    try:
        number = value if isinstance(value, int) else float(value)
    except (TypeError, ValueError):
        return str(value)
    thousands, decimal_mark = SEPARATORS.get((get_language() or "fr")[:2], SEPARATORS["fr"])
    if decimals is None:
        text = f"{number:,.0f}" if float(number).is_integer() else f"{number:,.2f}".rstrip("0").rstrip(".")
    else:
        text = f"{number:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", decimal_mark).replace("\0", thousands)
