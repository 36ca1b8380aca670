"""The data of the `genai-prices` package as price histories: no network, no pricing logic.

The package ships its data as Python objects (`genai_prices.data.providers`): providers, their
models, and each model's prices per million tokens, either one set of prices without a date or a
list of conditional prices, each in force from a start date or during a daily time window
(DeepSeek's peak and off-peak hours). This module turns those objects into plain, dated records;
which providers and models become claims is decided by `providers`.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal
from importlib import metadata
from typing import Any

#: The data set's price keys this knowledge base imports -> the kind of price (see `SCOPES`).
PRICE_KEYS = {"input_mtok": "input", "output_mtok": "output", "cache_read_mtok": "cached-input"}
#: The default module holding the data: the installed package's bundled snapshot.
DEFAULT_MODULE = "genai_prices.data"
DISTRIBUTION = "genai-prices"
#: Release date of each version the importer knows: the PyPI upload time of its wheel (the
#: package does not carry one). A claim's `as_of` is the date its data set stated it, so bumping
#: the pinned version means adding its date here (`pip download` prints nothing of it; PyPI's
#: JSON index gives `upload-time`).
RELEASES = {"0.2.5": date(2026, 11, 19)}


class DatasetError(Exception):
    """The data set cannot be read or dated; `hint` says what to do."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class PriceSet:
    """Prices per million tokens in force from `start` (None: the data set gives no start)."""

    start: date | None
    prices: Mapping[str, Decimal]  # kind (PRICE_KEYS' values) -> USD per million tokens
    #: kinds whose price rises for long prompts; `prices` holds their basic (first) tier
    tiered: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Window:
    """Prices in force every day between two times of day (UTC)."""

    start: time
    end: time
    prices: Mapping[str, Decimal]


@dataclass(frozen=True)
class Model:
    provider: str
    id: str
    name: str
    #: the names the API answers to, from the data set's match rules (exact names and prefixes)
    api_names: tuple[str, ...]
    #: price sets by start date, the undated one (if any) first
    history: tuple[PriceSet, ...]
    windows: tuple[Window, ...] = ()
    price_comments: str = ""


@dataclass(frozen=True)
class Provider:
    id: str
    name: str
    pricing_urls: tuple[str, ...]
    models: tuple[Model, ...]


@dataclass(frozen=True)
class Dataset:
    version: str
    released: date
    providers: Mapping[str, Provider]
    licence: str = ""


@dataclass(frozen=True)
class Quote:
    """A price of the data set at a date: its value and the start of the price set it is from."""

    value: Decimal
    start: date | None
    tiered: bool = False


def load(module_name: str = DEFAULT_MODULE) -> Dataset:
    """The data of `module_name` (a module with `providers`, and for another module than the
    package's own, `VERSION` and `RELEASED`); DatasetError if it cannot be read or dated."""
    try:
        module = importlib.import_module(module_name)
    except ImportError as error:
        raise DatasetError(
            f"cannot import {module_name}: {error}",
            "install the pinned version: make .venv/.installed"
            if module_name == DEFAULT_MODULE
            else "give a module on the Python path",
        ) from None
    if module_name == DEFAULT_MODULE:
        version = metadata.version(DISTRIBUTION)
        licence = metadata.distribution(DISTRIBUTION).read_text("licenses/LICENSE") or ""
        released = RELEASES.get(version)
        if released is None:
            raise DatasetError(
                f"genai-prices {version} has no release date in "
                "claimkb.importers.genai_prices.dataset.RELEASES",
                "add the version's PyPI upload date there when you bump the pinned version",
            )
    else:
        version, released = str(getattr(module, "VERSION", "")), getattr(module, "RELEASED", None)
        licence = str(getattr(module, "LICENCE", ""))
        if not version or not isinstance(released, date):
            raise DatasetError(f"{module_name} defines no VERSION and RELEASED (a date)")
    providers = getattr(module, "providers", None)
    if not isinstance(providers, list):
        raise DatasetError(f"{module_name} has no list `providers`")
    return Dataset(version, released, read_providers(providers), licence)


def read_providers(providers: Iterable[Any]) -> dict[str, Provider]:
    """genai-prices' `Provider` objects as plain records, by id."""
    return {
        p.id: Provider(
            id=p.id,
            name=p.name,
            pricing_urls=tuple(p.pricing_urls or ()),
            models=tuple(read_model(p.id, m) for m in p.models),
        )
        for p in providers
    }


def read_model(provider: str, model: Any) -> Model:
    history: list[PriceSet] = []
    windows: list[Window] = []
    entries = model.prices if isinstance(model.prices, list) else [None]
    for entry in entries:
        constraint = getattr(entry, "constraint", None)
        prices = model.prices if entry is None else entry.prices
        values, tiered = _prices(prices)
        if constraint is not None and hasattr(constraint, "start_time"):
            windows.append(Window(constraint.start_time, constraint.end_time, values))
        else:
            start = getattr(constraint, "start_date", None)
            history.append(PriceSet(start, values, tiered))
    history.sort(key=lambda p: (p.start is not None, p.start or date.min))
    return Model(
        provider=provider,
        id=model.id,
        name=model.name or model.id,
        api_names=tuple(dict.fromkeys(_api_names(model.match))),
        history=tuple(history),
        windows=tuple(windows),
        price_comments=model.price_comments or "",
    )


def _prices(prices: Any) -> tuple[dict[str, Decimal], frozenset[str]]:
    values: dict[str, Decimal] = {}
    tiered: set[str] = set()
    for key, kind in PRICE_KEYS.items():
        price = getattr(prices, key, None)
        if price is None:
            continue
        if hasattr(price, "base"):  # TieredPrices: the basic tier, below the first threshold
            tiered.add(kind)
            price = price.base
        values[kind] = Decimal(price)
    return values, frozenset(tiered)


def _api_names(clause: Any) -> Iterable[str]:
    """The exact names and prefixes of a match rule (`or` and `and` clauses walked)."""
    for attribute in ("equals", "starts_with"):
        value = getattr(clause, attribute, None)
        if isinstance(value, str):
            yield value
    for attribute in ("or_", "and_"):
        for inner in getattr(clause, attribute, None) or ():
            yield from _api_names(inner)


def prices_at(model: Model, day: date) -> dict[str, Quote]:
    """The model's prices in force on `day`, by kind; with daily windows, the highest price of
    the day is the standard one (`input`...) and the lowest the off-peak one (`off-peak-input`...).
    A price set without a start counts as in force on any day before the first dated one."""
    current = None
    for price_set in model.history:
        if price_set.start is None or price_set.start <= day:
            current = price_set
    if current is None:
        return {}
    quotes = {
        kind: Quote(value, current.start, kind in current.tiered)
        for kind, value in current.prices.items()
    }
    if not model.windows:
        return quotes
    found: dict[str, Quote] = {}
    for kind, quote in quotes.items():
        values = [quote.value] + [w.prices[kind] for w in model.windows if kind in w.prices]
        found[kind] = Quote(max(values), current.start, quote.tiered)
        found[f"off-peak-{kind}"] = Quote(min(values), current.start, quote.tiered)
    return found
