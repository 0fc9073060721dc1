"""Indonesian numbers as planners type and print them, parsed by one function.

`parse_number(text)` accepts `1.590.078.504`, `1.590.078.504,00`, `Rp 1.590.078.504`,
`10,3`, `10,3%`, `11,6 %`, `-12,5`, `(1.000)` (negative), and plain `1590078504` or
`10.3` typed the English way. It never guesses silently: OCR letters inside a number
(`6I`, `1O0`) give no value but a `number-typo` problem with the likely value, and a
form that reads two ways (`1.500`: one thousand five hundred, or one and a half?) is
taken the Indonesian way and reported as `ambiguous`.
"""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

# More digits than any figure of a plan holds (NUMERIC(24,6) stores indikator values):
# beyond it a cell is no number, rather than a value every later sum or ratio overflows on.
MAX_DIGITS = 24
# Letters OCR puts for digits, and the digit each most likely stands for.
OCR_DIGITS = {"I": "1", "l": "1", "|": "1", "O": "0", "o": "0", "S": "5", "B": "8", "Z": "2"}
_CURRENCY = re.compile(r"^(rp\.?|idr)\s*", re.IGNORECASE)
_INDONESIAN = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$")  # 1.590.078.504 or 1.590.078.504,00
_COMMA_DECIMAL = re.compile(r"^\d+,\d+$")  # 10,3
_PLAIN = re.compile(r"^\d+$")
_DOT_DECIMAL = re.compile(r"^\d+\.\d+$")  # 10.3 (English style)
_ENGLISH_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")  # 1,590,078,504.00


@dataclass(frozen=True, kw_only=True)
class ParsedNumber:
    """The outcome of reading one cell: a value, or a problem with a likely value.

    `problem` is None (clean), "empty", "number-typo" (letters in a number; `value` None,
    `likely` the OCR reading), "ambiguous" (`value` is the Indonesian reading, reported),
    or "not-a-number" (`value` None). `percent` tells that a `%` sign was printed.
    """

    text: str
    value: Decimal | None
    problem: str | None = None
    likely: Decimal | None = None
    percent: bool = False
    message: str = ""


def parse_number(text: str | None) -> ParsedNumber:
    """Read an Indonesian number; see the module docstring for the accepted forms."""
    raw = "" if text is None else str(text)
    body = _CURRENCY.sub("", raw.strip()).replace("\u00a0", " ").strip()
    percent = body.endswith("%")
    body = body.rstrip("%").strip()
    negative = body.startswith("-") or (body.startswith("(") and body.endswith(")"))
    body = body.strip("()").lstrip("-").strip().replace(" ", "")
    if not body:
        return ParsedNumber(text=raw, value=None, problem="empty", percent=percent)
    if sum(char.isdigit() for char in body) > MAX_DIGITS:
        return ParsedNumber(
            text=raw, value=None, problem="not-a-number", percent=percent,
            message=f"'{raw.strip()[:40]}…' lebih dari {MAX_DIGITS} digit; bukan angka rencana",
        )  # fmt: skip
    parsed = _digits(body)
    if parsed is None:
        return _typo(raw, body, negative, percent)
    value, problem, message = parsed
    if value is not None and negative:
        value = -value
    return ParsedNumber(text=raw, value=value, problem=problem, percent=percent, message=message)


def _digits(body: str) -> tuple[Decimal | None, str | None, str] | None:
    """(value, problem, message) for a body of digits and separators; None if letters."""
    if _PLAIN.match(body):
        return Decimal(body), None, ""
    if _INDONESIAN.match(body):
        value = Decimal(body.replace(".", "").replace(",", "."))
        if "," not in body and body.count(".") == 1:
            return (
                value,
                "ambiguous",
                (
                    f"'{body}' dibaca {value} (titik pemisah ribuan); bila maksudnya desimal, "
                    f"tulis dengan koma: {body.replace('.', ',')}"
                ),
            )
        return value, None, ""
    if _COMMA_DECIMAL.match(body):
        return Decimal(body.replace(",", ".")), None, ""
    if _DOT_DECIMAL.match(body):
        return Decimal(body), None, ""
    if _ENGLISH_THOUSANDS.match(body):
        value = Decimal(body.replace(",", ""))
        return value, "ambiguous", f"'{body}' ditulis gaya Inggris; dibaca {value}"
    if re.fullmatch(r"[\d.,]+", body):
        return None, "not-a-number", f"pemisah angka '{body}' tidak dapat dibaca"
    return None


def _typo(raw: str, body: str, negative: bool, percent: bool) -> ParsedNumber:
    fixed = "".join(OCR_DIGITS.get(char, char) for char in body)
    likely = _digits(fixed) if fixed != body else None
    if likely is None or likely[0] is None:
        return ParsedNumber(
            text=raw, value=None, problem="not-a-number", percent=percent,
            message=f"'{raw.strip()}' bukan angka",
        )  # fmt: skip
    value = -likely[0] if negative else likely[0]
    letters = sorted({char for char in body if char in OCR_DIGITS})
    return ParsedNumber(
        text=raw,
        value=None,
        problem="number-typo",
        likely=value,
        percent=percent,
        message=(
            f"huruf {', '.join(repr(c) for c in letters)} di dalam angka '{raw.strip()}'; "
            f"kemungkinan {value}, periksa dokumen sumber"
        ),
    )


def is_number_text(text: str) -> bool:
    """True when `text` reads as a number (with or without a problem other than letters)."""
    parsed = parse_number(text)
    return parsed.value is not None or parsed.problem == "number-typo"


def to_decimal(text: str) -> Decimal | None:
    """The clean value of `text`, or None: for callers that report problems elsewhere."""
    try:
        parsed = parse_number(text)
    except InvalidOperation:
        return None
    return parsed.value if parsed.problem in (None, "ambiguous") else None
