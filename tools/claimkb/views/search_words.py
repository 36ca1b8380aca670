"""The other words readers use for what a claim measures, per language, and the labels of the
search's filters.

A reader types "capex", the registry says "Capital expenditure"; a French reader types
"investissements", the French registry says "Investissements, argent versé pour les
immobilisations corporelles". The search index adds, to a claim's metric and scope names, the
words each phrase of this thesaurus stands for when the name contains it (whole words, any
case): `SYNONYMS[language][phrase]`. It works on the names, whatever the site's ids, and a name
the thesaurus does not know is indexed as written.
"""

from __future__ import annotations

import re

from ..core.language import N_

SYNONYMS: dict[str, dict[str, str]] = {
    "en": {
        "capital expenditure": "capex spending investment",
        "capital spending": "capex spending investment",
        "property and equipment": "capex capital expenditure spending",
        "data centres": "data centers datacenters",
        "data centre": "data center datacenter",
        "cost": "price spending spend",
        "price": "cost pricing",
        "revenue": "sales income turnover",
        "funding": "raised raise round investment",
        "valuation": "valued worth",
        "electricity": "energy power",
        "energy": "electricity power",
        "market value": "market cap capitalisation capitalization loss drop fall",
        "share price": "stock drop fall",
        "cash burn": "burn loss losses",
        "purchase commitment": "contract deal",
        "planned investment": "investment plan",
        "gpu-hours": "gpu hours compute",
        "number of gpus": "gpus chips fleet",
        "training": "train trained",
        "tokens": "token api",
    },
    "fr": {
        "investissements": "capex dépenses investissement",
        "chiffre d’affaires": "revenus ventes recettes",
        "prix": "coût tarif",
        "coût": "prix dépenses",
        "levée de fonds": "financement levée",
        "valorisation": "valeur",
        "consommation d’électricité": "énergie électricité électrique",
        "énergie": "électricité électrique consommation",
        "valeur boursière": "bourse capitalisation chute baisse perte",
        "cours de l’action": "bourse action chute baisse",
        "consommation de trésorerie": "pertes trésorerie",
        "engagement d’achat": "contrat",
        "heures-gpu": "heures gpu calcul",
        "nombre de gpu": "gpu puces parc",
        "entraînement": "entraîner entraîné",
        "location": "loyer louer",
    },
}

#: what the "kind" filter calls a subject's entity type (other types are shown as written)
KIND_WORDS = {
    "company": N_("company"),
    "lab": N_("company"),
    "fund": N_("company"),
    "model": N_("model"),
    "hardware": N_("chip"),
    "person": N_("person"),
}

#: the sections of the site a search result belongs to
SECTION_WORDS = {
    "explainers": N_("explainers"),
    "knowledge-base": N_("knowledge base"),
    "contributors": N_("contributors"),
}


def synonyms(text: str, language: str) -> list[str]:
    """The thesaurus' words for the phrases `text` contains, in the thesaurus' order."""
    found: list[str] = []
    folded = _fold(text)
    for phrase, words in SYNONYMS.get(language, {}).items():
        if re.search(rf"(?<!\w){re.escape(_fold(phrase))}(?!\w)", folded):
            found.extend(word for word in words.split() if word not in found)
    return found


def _fold(text: str) -> str:
    """Lower case, typographic apostrophes as the thesaurus writes them (’)."""
    return text.lower().replace("'", "’")
