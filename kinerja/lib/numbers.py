"""Indonesian number display: `1.590.078.504`, `10,3`, `10,3%` (Babel, locale id)."""

from decimal import ROUND_HALF_UP, Decimal, localcontext

from babel.numbers import format_decimal

LOCALE = "id_ID"


def quantize(value: Decimal, decimals: int) -> Decimal:
    """Round half-up to `decimals` places, the rounding every printed figure uses.

    The precision grows with the value, so a number of more than 28 digits (a sheet that
    claims row 10^30) still prints instead of raising InvalidOperation."""
    with localcontext() as context:
        context.prec = max(context.prec, value.adjusted() + decimals + 2)
        return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def format_number(value: Decimal | int | None, decimals: int | None = None) -> str:
    """Format a number the Indonesian way; `decimals=None` keeps the value's own places.

    Money has no decimals unless there are cents: `1590078504.00` prints `1.590.078.504`.
    An empty value prints as an empty string.
    """
    if value is None:
        return ""
    value = Decimal(value)
    with localcontext() as context:  # enough digits for any value (see `quantize`)
        context.prec = max(context.prec, value.adjusted() + (decimals or 0) + 30)
        if decimals is None:
            value = value.normalize() if value == value.to_integral() else value
            decimals = max(0, -value.as_tuple().exponent)  # type: ignore[operator]
        value = quantize(value, decimals)
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        return format_decimal(value, format=pattern, locale=LOCALE, decimal_quantization=True)


def format_value(value: Decimal | None, decimals: int) -> str:
    """An indikator value as documents print it: at most `decimals` places, no trailing zeros.

    `64` prints `64` and `62.2` prints `62,2` for an index of one decimal; `10.25` → `10,3`.
    """
    if value is None:
        return ""
    return format_number(quantize(Decimal(value), decimals).normalize())


def format_money(value: Decimal | int | None) -> str:
    """Format rupiah: thousands dots, cents only when there are cents."""
    if value is None:
        return ""
    value = Decimal(value)
    return format_number(value, 0 if value == value.to_integral() else 2)


def format_percent(value: Decimal | None, decimals: int = 1) -> str:
    """Format a percentage: `10,3%`."""
    return "" if value is None else format_number(value, decimals) + "%"


ONES = [
    "nol",
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "delapan",
    "sembilan",
    "sepuluh",
    "sebelas",
]


def terbilang(number: int) -> str:
    """A whole number in Indonesian words, as documents write counts: 2 → "dua",
    12 → "dua belas", 39 → "tiga puluh sembilan", 100 → "seratus", 1500 → "seribu lima ratus"."""
    if number < 0:
        return "minus " + terbilang(-number)
    if number < 12:
        return ONES[number]
    if number < 20:
        return f"{ONES[number - 10]} belas"
    for size, word in (
        (1_000_000_000, "miliar"),
        (1_000_000, "juta"),
        (1000, "ribu"),
        (100, "ratus"),
        (10, "puluh"),
    ):
        if number >= size:
            head, rest = divmod(number, size)
            if head == 1 and size in (100, 1000):
                words = "se" + word
            else:
                words = f"{terbilang(head)} {word}"
            return f"{words} {terbilang(rest)}" if rest else words
    raise AssertionError(number)  # unreachable: every number ≥ 12 has a size
