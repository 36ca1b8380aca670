"""How a page's words meet its claims, for `claimkb lint`. No Sphinx here.

- A value shown by `{claim-value}` already carries its unit and, for a bound, its bound word
  ("$60 per million tokens", "at least 1,300,000 GPUs"): prose that writes them again reads
  "per million tokens per million tokens", "at at least".
- A role glued to a word ("for{claim-value}`x`") runs the word into the value, on the page and
  in the description links preview with.
- Reader pages (explainers, data pages, the landing page) speak to readers: a claim id, a file
  name, a commit or a field name written there is a developer's word.
- A figure counted over a whole fleet or a day under a scope that counts one item (one query)
  says the opposite of its scope.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from .records import JSONValue

#: the pages written for readers when `conf.py` does not say (`claimkb_reader_pages`)
READER_PAGES = ("index", "explainers/*", "data/*")

#: words that bound a number ("at least", "up to"): a value that starts with one of them must
#: not follow another, nor "at" ("put at at least 85 percent")
BOUND_START = re.compile(r"^(at least|at most|up to|between|more than|less than)\b", re.I)
BOUND_END = re.compile(
    r"\b(at least|at most|up to|more than|less than|fewer than|over|under|about|around|"
    r"roughly|nearly|almost|approximately|some|at|between|as much as|as many as)\s*$",
    re.I,
)
#: a value's number: `$60`, `−$593B`, `2,788,000`, `5,58 M$` (the English build's forms first)
NUMBER = re.compile(r"^[−-]?(?:US)?\$?[\d.,]+[KMBT]?\$?")
#: developer identifiers in running text: a file name, a commit, a series code, an id of several
#: hyphenated words that is a record's id
FILE_NAME = re.compile(r"\b[\w-]+\.(?:csv|ipynb|py|ya?ml|json|md|txt|tsv|parquet)\b")
COMMIT = re.compile(r"\b(?=[0-9a-f]*[a-f])(?=[0-9a-f]*[0-9])[0-9a-f]{7,40}\b")
SERIES_CODE = re.compile(r"\b[A-Z]{2,}[0-9]{5,}\b")
#: a letter run into a number or a money sign, or a word after a sentence's end without a space
GLUED = re.compile(r"[A-Za-z][$€£]\d|\d[A-Za-z]{3,}|[a-z][.;:,][A-Z][a-z]")


def unit_words(value_text: str) -> str:
    """What follows a shown value's number: `$60 per million tokens` -> `per million tokens`,
    `at least 1,300,000 GPUs` -> `GPUs`, `$5.58M` -> ``; a range's parenthesis is left out."""
    text = BOUND_START.sub("", value_text.strip()).strip()
    text = text.split(" (", 1)[0].split(" and ", 1)[0]
    matched = NUMBER.match(text)
    return text[matched.end() :].strip() if matched else ""


def _words(text: str) -> list[str]:
    return [w.rstrip("s").lower() for w in re.findall(r"[\w-]+", text)]


def doubled_words(value_text: str, before: str, after: str) -> str:
    """The words a value shown between `before` and `after` repeats ("" for none): its unit
    written again after it, or a bound word before a value that starts with its own."""
    unit = _words(unit_words(value_text))
    if unit:
        following = _words(after)
        size = min(2, len(unit))
        if following[:size] == unit[:size]:
            return " ".join(re.findall(r"[\w-]+", after)[:size])
    starts = BOUND_START.match(value_text.strip())
    ends = BOUND_END.search(before)
    if starts and ends:
        return f"{ends.group(1)} {starts.group(1)}"
    return ""


def glued(before: str, after: str) -> bool:
    """A role with a word or a number right against it, without a space."""
    return bool(before) and before[-1].isalnum() or bool(after) and after[0].isalnum()


def identifiers(text: str, record_ids: Iterable[str] = ()) -> list[str]:
    """Developer words in a run of reader prose: file names, commits, series codes and record
    ids of four words or more (`api-input-list-price`), in the order they appear."""
    ids = {rid for rid in record_ids if rid.count("-") >= 3}
    found: list[tuple[int, str]] = []
    for pattern in (FILE_NAME, COMMIT, SERIES_CODE):
        found += [(m.start(), m.group()) for m in pattern.finditer(text)]
    for match in re.finditer(r"[a-z0-9]+(?:-[a-z0-9]+){2,}", text):
        if match.group() in ids:
            found.append((match.start(), match.group()))
    return [word for _start, word in sorted(found)]


def missing_spaces(text: str) -> list[str]:
    """Places where two words run together in text meant for people: `for$5.58M`,
    `tokens.Then`."""
    return [m.group() for m in GLUED.finditer(text)]


#: words of a title that count over time or over everything, not one item (a statement's text
#: explains how the figure was reached and may well mention a day's total)
TOTAL_WORDS = re.compile(
    r"\b(per day|each day|every day|daily|per year|each year|annual|in total|fleet-wide)\b", re.I
)


def scope_contradiction(
    claim: Mapping[str, JSONValue], unit: str, scope: Mapping[str, JSONValue] | None
) -> str:
    """Why a figure says the opposite of a scope that counts one item ("" when it does not):
    a unit per unit of time, or a title that counts a total."""
    if not scope or not scope.get("single"):
        return ""
    if re.search(r"/\s*(day|year|month|week|hour|s)\b", unit):
        return f"its unit, {unit}, is a rate over time"
    matched = TOTAL_WORDS.search(str(claim.get("title") or ""))
    return f"its title says {matched.group()!r}" if matched else ""
