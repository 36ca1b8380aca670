"""A tiny genai-prices data set in the package's own types, for the importer and drift tests:
first-party labs, a reseller, another maker's model on a lab's list, a price history, a long-
context tier, a time-of-day price list the data set gets wrong, a price announced for later."""

from datetime import UTC, date, time
from decimal import Decimal

from genai_prices.types import (
    ClauseEquals,
    ClauseOr,
    ClauseStartsWith,
    ConditionalPrice,
    ModelInfo,
    ModelPrice,
    Provider,
    StartDateConstraint,
    Tier,
    TieredPrices,
    TimeOfDateConstraint,
)

VERSION = "0.0.1-fixture"
RELEASED = date(2026, 11, 19)
LICENCE = "The MIT License (MIT)\n\nCopyright (c) the fixture's authors"


def _price(**values: str | TieredPrices) -> ModelPrice:
    return ModelPrice(**{k: Decimal(v) if isinstance(v, str) else v for k, v in values.items()})


def _model(model_id: str, prices, names=(), **extra) -> ModelInfo:
    match = ClauseOr(or_=[ClauseEquals(equals=n) for n in (model_id, *names)])
    return ModelInfo(id=model_id, match=match, prices=prices, **extra)


providers = [
    Provider(
        id="openai", name="OpenAI", api_pattern="x",
        pricing_urls=["https://openai.com/api/pricing/"],
        models=[
            _model("gpt-5", _price(input_mtok="1.25", output_mtok="10", cache_read_mtok="0.125"),
                   names=["gpt-5-2025-08-07"], name="GPT-5"),
            _model("o3", [
                ConditionalPrice(prices=_price(input_mtok="10", output_mtok="40")),
                ConditionalPrice(constraint=StartDateConstraint(start_date=date(2025, 6, 10)),
                                 prices=_price(input_mtok="2", output_mtok="8")),
            ]),
            _model("gpt-4o-audio-preview", _price(input_mtok="2.5", output_mtok="10")),
            _model("gpt-6-future", [
                ConditionalPrice(prices=_price(input_mtok="1", output_mtok="2")),
                ConditionalPrice(constraint=StartDateConstraint(start_date=date(2027, 1, 1)),
                                 prices=_price(input_mtok="3", output_mtok="4")),
            ]),
        ],
    ),
    Provider(
        id="anthropic", name="Anthropic", api_pattern="x",
        pricing_urls=["https://www.anthropic.com/pricing#api"],
        models=[_model("claude-opus-4-1", _price(input_mtok="15", output_mtok="75",
                                                 cache_read_mtok="1.5"))],
    ),
    Provider(
        id="google", name="Google", api_pattern="x",
        pricing_urls=["https://ai.google.dev/gemini-api/docs/pricing"],
        models=[
            _model("gemini-2.5-pro", _price(
                input_mtok=TieredPrices(base=Decimal("1.25"), tiers=[Tier(start=200000, price=Decimal("2.5"))]),
                output_mtok="10")),
            _model("claude-3-haiku", _price(input_mtok="0.25", output_mtok="1.25")),
        ],
    ),
    Provider(
        id="deepseek", name="Deepseek", api_pattern="x",
        pricing_urls=["https://api-docs.deepseek.com/quick_start/pricing"],
        models=[
            ModelInfo(
                id="deepseek-chat",
                match=ClauseOr(or_=[ClauseStartsWith(starts_with="deepseek-chat")]),
                prices=[
                    ConditionalPrice(prices=_price(input_mtok="0.135", output_mtok="0.55")),
                    ConditionalPrice(
                        constraint=TimeOfDateConstraint(
                            start_time=time(0, 30, tzinfo=UTC),
                            end_time=time(16, 30, tzinfo=UTC)),
                        prices=_price(input_mtok="0.27", output_mtok="1.1")),
                ],
            ),
        ],
    ),
    Provider(
        id="aws", name="AWS Bedrock", api_pattern="x", pricing_urls=["https://aws.amazon.com/"],
        models=[_model("claude-opus-4-1", _price(input_mtok="15", output_mtok="75"))],
    ),
]  # fmt: skip
