"""The records the imported claims cite: the data set, the providers' pricing pages it names,
and the data set's maintainer as the claims' claimant."""

from __future__ import annotations

from ...core.records import JSONObject
from .dataset import Dataset, Provider
from .providers import Lab

DATASET_ID = "genai-prices"
DATASET_URL = "https://github.com/pydantic/genai-prices"
#: who says so: the data set's maintainer (each price is the lab's, as the data set records it)
CLAIMANT = {
    "id": "pydantic",
    "name": "Pydantic",
    "type": "company",
    "aliases": ["Pydantic Services Inc."],
    "url": "https://pydantic.dev/",
    "description": "Company behind the Pydantic data-validation library for Python; it "
    "maintains genai-prices, an open data set of the prices of language-model APIs.",
}


def dataset_source(dataset: Dataset) -> JSONObject:
    return {
        "id": DATASET_ID,
        "title": f"genai-prices {dataset.version}: prices for calling LLM inference APIs",
        "url": DATASET_URL,
        "published": dataset.released.isoformat(),
        "type": "dataset",
        "publisher": "Pydantic",
        "language": "en",
        "notes": f"The Python package genai-prices {dataset.version} (PyPI), released "
        f"{dataset.released}, read from the snapshot it ships (genai_prices/data.py), without "
        "a network. MIT licence, Copyright (c) Pydantic Services Inc. 2025 to present. Its "
        "maintainers check its figures partly against other price lists (litellm, llm-prices, "
        "OpenRouter, Helicone), so it is not an independent witness of them.",
    }


def pricing_page(provider: Provider, lab: Lab, dataset: Dataset) -> JSONObject:
    """The provider's pricing page that the data set cites for its prices (its first URL)."""
    others = list(provider.pricing_urls[1:])
    return {
        "id": f"{lab.entity}-api-pricing-page",
        "title": f"{provider.name} API pricing",
        "url": provider.pricing_urls[0] if provider.pricing_urls else DATASET_URL,
        "published": dataset.released.isoformat(),
        "type": "company-statement",
        "publisher": lab.name,
        "language": "en",
        "notes": f"Cited by genai-prices {dataset.version} as where its {provider.name} prices "
        "come from"
        + (f" (with {', '.join(others)})" if others else "")
        + ". The page changes with every price change and carries no date: the date given is "
        "the data set's release. The imported claims did not read it; hand-written claims "
        "cite dated versions of the labs' pages.",
    }
