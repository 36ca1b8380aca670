"""Pydantic's `genai-prices` package (MIT) as token-price claims, and the drift check against it.

- `dataset`: the package's data (shipped inside it, so no network) as price histories of the
  first-party providers' language models;
- `providers`: which providers are first party, which of their models they make, and how each
  model's API names meet the knowledge base's entities;
- `known_errors`: what the data set is known to get wrong, declared with the reason;
- `collection`: the claims collection `claimkb import genai-prices` writes;
- `drift`: hand-written price claims compared with the data set at each claim's date.
"""
