"""How a claim is put: asserted, hedged ("may", "reportedly") or denied."""

from __future__ import annotations

import re

from factcheck.offline.features import WordBag
from factcheck.offline.lexicon import scanner, words
from factcheck.result import Stance

_TARGETS = (
    r"(?:the\s+)?"
    r"(?:claims?|allegations?|reports?|accusations?|suggestions?|charges?|rumou?rs?)"
)

_DENIAL = scanner(
    r"\b(?:den(?:y|ies|ied|ying)|refut(?:e|es|ed|ing)|rebuff(?:s|ed)?)\b"
    rf"|\b(?:reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?|brush(?:es|ed)? off)\s+{_TARGETS}"
    # "a neurologist who was not involved in the research" describes, it does not deny.
    r"|\bhas nothing to do with\b|(?<!\bwho )\bwas not involved in\b",
    "drbhw",
    re.I,
)

_DENIAL_TRIGGERS = words(
    """deny denies denied denying refute refutes refuted refuting rebuff rebuffs rebuffed
    reject rejects rejected rejecting dismiss dismisses dismissed dismissing brush
    brushes brushed nothing involved"""
)
# One word is enough for these; "may", "might", "could" only in lower case
# ("May" is also a month).
_HEDGE_MODALS = words("may might could")
_HEDGE_WORDS = words(
    """reportedly allegedly purportedly apparently possibly perhaps unconfirmed unverified
    rumored rumoured suspected alleged likely unlikely unclear uncertain expect expects
    expected expecting anticipated anticipates projected forecast forecasts probably
    presumably maybe potentially"""
)
_HEDGE_PHRASE = scanner(
    r"\b(?:is|are|was|were)\s+(?:widely\s+)?(?:expected|believed|thought|said|reported|"
    r"understood|rumou?red)\s+to\b|\b(?:appears?|appeared|seems?|seemed)\s+to\b",
    "iaws",
    re.I,
)
_HEDGE_PHRASE_TRIGGERS = words(
    """expected believed thought said reported understood rumored rumoured appear appears
    appeared seem seems seemed"""
)


def stance_of(text: str, bag: WordBag | None = None) -> Stance:
    """Denial wins over hedging: "may have denied" is still a denial to check."""
    bag = WordBag.of(text) if bag is None else bag
    if bag.lower & _DENIAL_TRIGGERS and _DENIAL.search(text):
        return "denied"
    if bag.words & _HEDGE_MODALS or bag.lower & _HEDGE_WORDS:
        return "hedged"
    if bag.lower & _HEDGE_PHRASE_TRIGGERS and _HEDGE_PHRASE.search(text):
        return "hedged"
    return "asserted"
