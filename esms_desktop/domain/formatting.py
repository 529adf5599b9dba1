"""French number, money and date formatting, shared by the budget, the CLI, the GUI and the PDF.

French typography: narrow no-break space (U+202F) between thousands, decimal comma, "€" after
the figure with a no-break space. Whole euros are shown without ",00".

Pure functions over domain values, so they live in the domain: the budget's own labels, the
reports and the interface all print a number the same way (no layer reaches up for them).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from esms_desktop.domain.usage_threshold import UsageThreshold

NNBSP = "\u202f"
NBSP = "\u00a0"
MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def format_number(value: Decimal | int, decimals: int = 0) -> str:
    text = f"{Decimal(value):,.{decimals}f}"
    return text.replace(",", NNBSP).replace(".", ",")


def format_decimal(value: Decimal | int) -> str:
    """A number as typed in a cell: ``70``, ``70,5``, ``0,25``; never ``7E+1``, never ``-0``.

    No thousands separator and no trailing zeros, so the text reads back through the parsers
    (:mod:`esms_desktop.domain.parsing`) as the same value.
    """
    text = format(Decimal(value).normalize(), "f").replace(".", ",")
    return "0" if text == "-0" else text


def format_eur(
    value: Decimal | None, *, cents: bool | None = None, missing: str = "à renseigner"
) -> str:
    """``Decimal("445000")`` → ``"445 000 €"``; ``None`` → ``missing``."""
    if value is None:
        return missing
    show_cents = cents if cents is not None else value != value.to_integral_value()
    return format_number(value, 2 if show_cents else 0) + NBSP + "€"


def format_pct(value: Decimal | int) -> str:
    """``Decimal("70")`` → ``"70 %"``; ``Decimal("12.5")`` → ``"12,5 %"``."""
    d = Decimal(value)
    return format_number(d, 0 if d == d.to_integral_value() else 1) + NBSP + "%"


def format_threshold(value: UsageThreshold | None) -> str:
    """``80 %``, ``100 messages / mois`` or ``300 DUI actifs``; ``""`` when not set.

    The text reads back through :func:`~esms_desktop.domain.edits.parse_threshold` unchanged, so
    editing a cell never alters a threshold the user did not touch.
    """
    if value is None:
        return ""
    if value.is_percentage:
        return format_pct(value.amount)
    exponent = value.amount.normalize().as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    text = f"{format_number(value.amount, decimals)} {value.unit}"
    return f"{text} / {value.period}" if value.period else text


def format_date(value: date | None, *, long: bool = False) -> str:
    if value is None:
        return ""
    if long:
        day = "1ᵉʳ" if value.day == 1 else str(value.day)  # French typography: superscript
        return f"{day} {MONTHS[value.month - 1]} {value.year}"
    return value.strftime("%d/%m/%Y")


def plural(count: int, singular: str, plural_form: str, *, number: bool = True) -> str:
    """« 1 élément », « 3 éléments » (French: 0 and 1 take the singular), never « élément(s) ».

    With ``number=False`` only the word is returned (« 2 organismes gestionnaires » is then
    written around it by the caller).
    """
    word = singular if abs(count) < 2 else plural_form
    return f"{format_number(count)} {word}" if number else word
