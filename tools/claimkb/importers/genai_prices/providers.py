"""Which of the data set's providers are first party, which of their models they make, and how
a model's names meet the knowledge base's entities.

The data set lists resellers (AWS Bedrock, OpenRouter, Together...) beside the labs, and some
labs' price lists hold other makers' models (Google's Vertex AI sells Claude; Mistral's API
serves GLM). Only a lab's own language models are imported: a model whose id starts with one of
its families, and none of the words of another kind of model (audio, images, embeddings...).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ...core.records import Record
from .dataset import Model


@dataclass(frozen=True)
class Lab:
    """A first-party provider: the entity of the company (created if the knowledge base has
    none) and the prefixes of the ids of the models it makes."""

    entity: str
    name: str
    families: tuple[str, ...]


#: data set provider id -> the lab. Add a lab the site covers with one line.
LABS = {
    "openai": Lab(
        "openai", "OpenAI",
        ("gpt-3", "gpt-4", "gpt-5", "gpt-6", "o1", "o3", "o4", "chatgpt-", "codex-", "davinci",
         "text-davinci", "babbage", "curie", "ada"),
    ),
    "anthropic": Lab("anthropic", "Anthropic", ("claude",)),
    "google": Lab("google", "Google", ("gemini", "gemma")),
    "deepseek": Lab("deepseek", "DeepSeek", ("deepseek",)),
    "mistral": Lab(
        "mistral-ai", "Mistral AI",
        ("mistral", "ministral", "magistral", "codestral", "devstral", "pixtral", "mixtral"),
    ),
    "x-ai": Lab("xai", "xAI", ("grok",)),
    "meta": Lab("meta", "Meta", ("muse", "llama")),
    "zai": Lab("zhipu-ai", "Zhipu AI", ("glm",)),
}  # fmt: skip
#: Words of a model id that mark another kind of model than a text model priced by the token,
#: or a price that is not a list price (fine-tuned, free tiers).
NOT_TEXT = (
    "audio", "realtime", "tts", "transcribe", "image", "embed", "whisper", "moderation", "ocr",
    "voice", "live", "ft:", ":free", "-oss",
)  # fmt: skip


#: (provider, model id) -> the existing entity it is, where no name of the data set meets one
#: of the entity's names. An entry whose entity does not exist is ignored.
SAME_AS = {
    ("openai", "gpt-4.5-preview"): "gpt-4-5",  # the API name of GPT-4.5 (Epoch AI's entity)
}


#: entity types a model of the data set can be: a model, or an API name that serves models
MODEL_TYPES = ("model", "product")


def slug(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))


def own_text_model(provider: str, model: Model) -> bool:
    """Whether the lab `provider` makes `model` and sells it as a text model by the token."""
    lab = LABS.get(provider)
    if lab is None:
        return False
    model_id = model.id.lower()
    return model_id.startswith(lab.families) and not any(w in model_id for w in NOT_TEXT)


class EntityIndex:
    """The knowledge base's entities by every key a model's names could meet: id, name and
    aliases, written as slugs (`GPT-4o mini`, `gpt-4o-mini` and `gpt_4o_mini` are one key)."""

    def __init__(self, entities: Iterable[Record]):
        self.records: dict[str, Record] = {}
        self.by_key: dict[str, list[str]] = {}
        for record in entities:
            if not record.id:
                continue
            self.records[record.id] = record
            names = [record.id, record.get("name"), *(record.get("aliases") or [])]
            for name in names:
                if isinstance(name, str) and slug(name):
                    ids = self.by_key.setdefault(slug(name), [])
                    if record.id not in ids:
                        ids.append(record.id)

    def model_for(self, model: Model) -> Record | None:
        """The entity of `model`: one whose id is the model's id or one of its API names, else
        the only model entity that one of them names; None when none or several do."""
        keys = [slug(name) for name in (model.id, *model.api_names)]
        for key in keys:
            found = self.records.get(key)
            if found is not None and found.get("type") in MODEL_TYPES:
                return found
        candidates = {
            rid for key in keys for rid in self.by_key.get(key, [])
            if self.records[rid].get("type") in MODEL_TYPES
        }  # fmt: skip
        return self.records[candidates.pop()] if len(candidates) == 1 else None

    def company_by(self, entity_id: str, name: str) -> str | None:
        """The id of the entity, not a model, whose id, name or alias is `entity_id` or `name`."""
        for key in (entity_id, slug(name)):
            for rid in self.by_key.get(key, []):
                if self.records[rid].get("type") not in MODEL_TYPES:
                    return rid
        return None

    def names_of(self, entity_id: str) -> set[str]:
        record = self.records.get(entity_id)
        if record is None:
            return {entity_id}
        names = [record.id, record.get("name"), *(record.get("aliases") or [])]
        return {slug(n) for n in names if isinstance(n, str)}


def assign_entities(models: Iterable[Model], index: EntityIndex) -> dict[tuple[str, str], str]:
    """(provider, model id) -> id of the existing entity it is, for the models that have one.
    When several models meet one entity, the model named by the entity's own id keeps it (the
    data set's `o1` is not the knowledge base's `o1-preview`, whose alias is `o1`); if none is,
    no model gets it."""
    found: dict[str, list[tuple[Model, bool]]] = {}
    for model in models:
        declared = SAME_AS.get((model.provider, model.id))
        if declared in index.records:
            found.setdefault(declared, []).append((model, True))
            continue
        record = index.model_for(model)
        if record is not None:
            direct = record.id in {slug(n) for n in (model.id, *model.api_names)}
            found.setdefault(record.id, []).append((model, direct))
    assigned: dict[tuple[str, str], str] = {}
    for entity_id, matches in found.items():
        named = [m for m, is_direct in matches if is_direct]
        chosen = named[:1] if len(matches) > 1 else [matches[0][0]]
        for model in chosen:
            assigned[(model.provider, model.id)] = entity_id
    return assigned


def same_model_key(model: Model) -> tuple[str, ...]:
    """Models whose ids hold the same words in another order are one model under two names in
    the data set (`gemini-1.5-flash`, `gemini-flash-1.5`)."""
    return (model.provider, *sorted(slug(model.id).split("-")))
