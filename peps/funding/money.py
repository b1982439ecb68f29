"""Money as the French write it: 1 234,50 € (no-break spaces, decimal comma)."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

NBSP = "\u00a0"


def format_euros(value, *, cents: bool = True) -> str:
    """1234.5 → « 1 234,50 € »; -1234 → « -1 234,00 € »; None or junk → ""."""
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return ""
    quantum = Decimal("0.01") if cents else Decimal("1")
    amount = amount.quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""
    whole, _, fraction = f"{abs(amount):f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = NBSP.join(groups) or "0"
    if cents:
        text += "," + (fraction or "00").ljust(2, "0")
    return f"{sign}{text}{NBSP}€"


def format_percent(value: float) -> str:
    """91.04 → « 91 % »; 8.96 → « 9 % » (a whole number reads better in a chart)."""
    return f"{round(float(value or 0))}{NBSP}%"
