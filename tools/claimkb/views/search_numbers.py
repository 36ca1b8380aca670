"""Numbers as search words: a value is found by the number a reader types, on whole-number
boundaries.

A full-text index splits `$1.6B` into `16b`, `1` and `6b`, and matches a query word as a prefix:
"1,6 milliard" would find "11,6 Md$" and "16 GPUs". So a claim's value is indexed as number
words instead, one per precision a reader may type it at: the value rounded to 1 to 6
significant digits, written `n<digits>e<exponent>q` (`1.6e9` at two digits is `n16e8q`; a
negative exponent is written `m`: `0.34` is `n34em2q`). The search page turns the numbers of a
query into the same word (`tools/claimkb/static/claimkb-search.js`, `numberWord`), with as many
digits as the reader typed: "$1.6B", "1.6 billion", "1,6 milliard de dollars" and "1 600 000 000"
are all `n16e8q`, which `11.6e9` (`n12e9q`, `n116e8q`) never is. The final `q` ends the word, so
that no number word is the prefix of another. The sign is left out: "589 billion" finds a fall of
$589B.

A number typed bare, with no scale and no currency ("5,576", "415", "1,6"), says its digits but
not its size: it is matched by digits alone, `d<digits>q` ("5,576" finds $5.576M and "415" finds
415 TWh; "1,6" still never finds 11.6).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

#: the most significant digits a number word keeps (and the most a query is matched on)
MAX_DIGITS = 6


def number_word(mantissa: int, exponent: int) -> str:
    """`n16e8q` for 16 x 10^8; the exponent's minus sign is written `m` (a word has no `-`)."""
    power = f"m{-exponent}" if exponent < 0 else str(exponent)
    return f"n{mantissa}e{power}q"


def number_words(value: float) -> tuple[str, ...]:
    """The number words of `value` at 1 to `MAX_DIGITS` significant digits, without repeats."""
    try:
        size = abs(Decimal(repr(float(value))))
    except (InvalidOperation, ValueError, OverflowError):
        return ()
    if not size.is_finite():
        return ()
    if size == 0:
        return (number_word(0, 0), digits_word(0))
    words: list[str] = []
    top = size.adjusted()  # the exponent of the first significant digit
    for digits in range(1, MAX_DIGITS + 1):
        exponent = top - digits + 1
        mantissa = int((size.scaleb(-exponent)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
        if mantissa == 10**digits:  # 9.96 at two digits rounds up to 10.0: one digit more
            mantissa, exponent = mantissa // 10, exponent + 1
        for word in (number_word(mantissa, exponent), digits_word(mantissa)):
            if word not in words:
                words.append(word)
    return tuple(words)


def digits_word(mantissa: int) -> str:
    """`d5576q`: the significant digits alone, trailing zeros left out (a bare "1,60" is "16")."""
    return f"d{str(mantissa).rstrip('0') or '0'}q"
