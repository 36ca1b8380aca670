"""What the genai-prices data set is known to get wrong: declared, with the reason, never silent.

Each entry names a model of the data set and the condition under which its prices are wrong.
While the condition holds, `claimkb import genai-prices` imports none of that model's prices and
says why; once the data set no longer shows it (a newer version fixed it), the command says the
entry can go. Sources of the reasons: the fact-check of December 2026
(`../shared/research/fact-check-2026-12.md`, "Problems in the datasets") and the hand-written
claims that cite the providers' own pages.

The fact-check also found the launch snapshot gpt-4o-2024-05-13 ($5 and $15) folded into gpt-4o
at the later snapshot's price; version 0.2.5 lists it apart at its launch price, so no entry is
needed (`_answers_to("gpt-4o-2024-05-13")` on openai/gpt-4o would declare it again).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .dataset import Model, prices_at


@dataclass(frozen=True)
class KnownError:
    provider: str
    model: str
    reason: str
    #: whether `model` still shows the error (False: the data set was fixed)
    shows: Callable[[Model], bool]


def _undated_price(kind: str, value: str) -> Callable[[Model], bool]:
    """The model's latest (standard) price of `kind` is `value`, with no start date."""

    def shows(model: Model) -> bool:
        quote = prices_at(model, date.max).get(kind)
        return quote is not None and quote.start is None and quote.value == Decimal(value)

    return shows


def _answers_to(name: str) -> Callable[[Model], bool]:
    def shows(model: Model) -> bool:
        return name in model.api_names

    return shows


DEEPSEEK_SEPTEMBER_2025 = (
    "the data set keeps DeepSeek's price list of before 5 September 2025, with its night-time "
    "(off-peak) discount, and no end date; DeepSeek's pricing page of late August 2025 announces "
    "one new price for both API names from 16:00 UTC on 5 September 2025, with no night discount "
    "(claims deepseek-v3-1-new-input-price and deepseek-v3-1-new-cached-input-price), and no "
    "version of the data set ever held it (fact-check of December 2026)"
)

KNOWN_ERRORS = (
    KnownError("deepseek", "deepseek-chat", DEEPSEEK_SEPTEMBER_2025,
               _undated_price("input", "0.27")),
    KnownError("deepseek", "deepseek-reasoner", DEEPSEEK_SEPTEMBER_2025,
               _undated_price("input", "0.55")),
)  # fmt: skip


def known_error(model: Model) -> KnownError | None:
    """The declared error that `model` still shows, if any."""
    for error in KNOWN_ERRORS:
        if (error.provider, error.model) == (model.provider, model.id) and error.shows(model):
            return error
    return None


def fixed_errors(models: dict[tuple[str, str], Model]) -> list[KnownError]:
    """Declared errors the data set no longer shows (or whose model it no longer has)."""
    return [
        error
        for error in KNOWN_ERRORS
        if (error.provider, error.model) not in models
        or not error.shows(models[(error.provider, error.model)])
    ]
