"""One-to-one matching of predicted claims to gold claims, with reasons for every miss.

A (gold, predicted) pair is *eligible* when all three hold:

1. every key fact of the gold claim is stated in the predicted text
   (``key_facts.fact_present``: number-, bound- and date-aware);
2. the texts are similar: rapidfuzz ``token_set_ratio`` over the content
   words of both texts is at least ``similarity_threshold`` (see
   ``content_words``: folded, numbers canonical, punctuation, a short list of
   function words and plural/tense endings dropped). token_set_ratio ignores
   word order and extra context words, so a faithful paraphrase that adds "on
   Friday" or the speaker's title still scores high; plain ``ratio`` and
   ``token_sort_ratio`` punish that. ``WRatio`` was not chosen: it switches to
   partial (substring) scoring when lengths differ, which rewards long
   predictions just like token_set_ratio does, and its blend of scorers is
   harder to explain in a failure message. Function words are dropped because
   they inflate the shared-token part for unrelated sentences ("more than ...
   the ... of"); on hand-made paraphrase/impostor pairs this widened the gap
   between the two groups around the default threshold of 60;
3. the prediction is not far longer than the gold claim: at most
   ``max_length_ratio`` times its words, or ``min_length_cap`` words, whichever
   is larger. token_set_ratio scores 100 whenever the gold words are a subset
   of the predicted words, so a claim that pastes half the article would
   otherwise be "similar" to every gold claim. One-to-one matching already
   stops it from earning more than one match; the cap stops it from earning
   even that one, since it is not a checkable claim. The defaults (4x, at
   least 30 words) let one long news sentence through, since an extractive
   system quoting a whole 40-word sentence for a 12-word gold claim has still
   found the claim, and stop anything that spans several sentences.

Among eligible pairs, the assignment maximises first the number of matches
and then the summed similarity (exact Hungarian algorithm), so a duplicate
prediction can never earn a second match and the choice does not depend on
list order.

P/R/F1 with nothing to divide by: precision with no predictions is 1.0 when
there is no gold either and 0.0 otherwise (an empty answer is not precise,
it is empty); recall with no gold claims is 1.0.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, utils

from factcheck._attributes import attributes
from factcheck.evals.assignment import max_weight_assignment
from factcheck.evals.gold import GoldClaim
from factcheck.evals.key_facts import ParsedText, missing_facts
from factcheck.evals.text_match import normalize_text, word_count


@dataclass(frozen=True)
class MatchConfig:
    similarity_threshold: float = 60.0
    max_length_ratio: float = 4.0
    min_length_cap: int = 30

    def max_words(self, gold_words: int) -> int:
        return max(int(self.max_length_ratio * gold_words), self.min_length_cap)


DEFAULT_MATCH_CONFIG = MatchConfig()


# Function words only: negations ("not", "no", "never") and hedges ("may") are
# left in on purpose, they change what a claim says.
_STOPWORDS = frozenset(
    "a an the of to in on at for and or but is are was were be been being has have had "
    "it its this that these those with by from as will would can could said says their "
    "there they he she his her him them which who whom than then also into about".split()
)
_ENDINGS = ("ing", "ed", "es", "s")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")


def _stem(word: str) -> str:
    if word.isdigit():
        return word
    for ending in _ENDINGS:
        if len(word) > len(ending) + 2 and word.endswith(ending):
            return word[: -len(ending)]
    return word


@lru_cache(maxsize=4096)
def content_words(text: str) -> str:
    """The words similarity compares: folded, numbers canonical, function words dropped.

    "Russia has denied planning the attack." -> "russia deni plann attack";
    "one hundred thousand" and "100,000" both become "100000".
    """
    from factcheck.facts.numbers import normalise_number_words

    folded = _THOUSANDS.sub("", normalize_text(text))
    words = utils.default_process(normalise_number_words(folded)).split()
    return " ".join(_stem(w) for w in words if w not in _STOPWORDS)


def similarity(a: str, b: str) -> float:
    """0-100 similarity of two claim texts: token_set_ratio over ``content_words``."""
    return float(fuzz.token_set_ratio(content_words(a), content_words(b)))


@dataclass(frozen=True)
class PairCheck:
    """Why one predicted claim does or does not qualify for one gold claim."""

    gold_index: int
    predicted_index: int
    similarity: float
    missing: tuple[str, ...]  # labels of the key facts the prediction lacks
    predicted_words: int
    max_words: int
    threshold: float

    @property
    def too_long(self) -> bool:
        return self.predicted_words > self.max_words

    @property
    def eligible(self) -> bool:
        return not self.missing and self.similarity >= self.threshold and not self.too_long

    def lacks(self) -> list[str]:
        """What keeps the pair from matching, one phrase per problem."""
        out = [f"missing key fact {label!r}" for label in self.missing]
        if self.similarity < self.threshold:
            out.append(f"similarity {self.similarity:.0f} < {self.threshold:.0f}")
        if self.too_long:
            out.append(f"too long: {self.predicted_words} words > {self.max_words} allowed")
        return out


@dataclass(frozen=True)
class ClaimMatch:
    gold_index: int
    predicted_index: int
    gold_text: str
    predicted_text: str
    similarity: float

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "similarity": round(self.similarity, 2)}


@dataclass(frozen=True)
class Miss:
    """A gold claim no prediction matched, or a prediction that matched no gold claim."""

    index: int
    text: str
    reason: str
    best_index: int | None = None  # the closest item on the other side
    best_similarity: float | None = None

    def to_dict(self) -> dict[str, Any]:
        similarity = self.best_similarity
        return {
            **asdict(self),
            "best_similarity": None if similarity is None else round(similarity, 2),
        }


def precision_recall_f1(matched: int, n_predicted: int, n_gold: int) -> tuple[float, float, float]:
    """P, R, F1; defined (never a division by zero) for empty lists, see module doc."""
    precision = matched / n_predicted if n_predicted else (1.0 if n_gold == 0 else 0.0)
    recall = matched / n_gold if n_gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


@dataclass(frozen=True)
class ClaimMatching:
    matches: tuple[ClaimMatch, ...]
    missed: tuple[Miss, ...]  # gold claims left unmatched
    unmatched: tuple[Miss, ...]  # predictions left unmatched
    n_gold: int
    n_predicted: int

    @property
    def precision(self) -> float:
        return precision_recall_f1(len(self.matches), self.n_predicted, self.n_gold)[0]

    @property
    def recall(self) -> float:
        return precision_recall_f1(len(self.matches), self.n_predicted, self.n_gold)[1]

    @property
    def f1(self) -> float:
        return precision_recall_f1(len(self.matches), self.n_predicted, self.n_gold)[2]

    def to_dict(self) -> dict[str, Any]:
        return {
            **attributes(self, "n_gold", "n_predicted", "precision", "recall", "f1"),
            "matches": [m.to_dict() for m in self.matches],
            "missed": [m.to_dict() for m in self.missed],
            "unmatched": [m.to_dict() for m in self.unmatched],
        }


def claim_text(claim: Any) -> str:
    """The text of a predicted claim given as a dict (``"text"``) or a plain string."""
    if isinstance(claim, str):
        return claim
    if isinstance(claim, Mapping):
        text = claim.get("text")
        return text if isinstance(text, str) else ""
    return ""


def check_pair(
    gold: GoldClaim,
    gold_index: int,
    predicted: ParsedText,
    predicted_index: int,
    config: MatchConfig = DEFAULT_MATCH_CONFIG,
) -> PairCheck:
    missing = missing_facts(gold.key_facts, predicted, claim=gold.text)
    return PairCheck(
        gold_index=gold_index,
        predicted_index=predicted_index,
        similarity=similarity(gold.text, predicted.text),
        missing=tuple(gold.key_facts[i].label for i in missing),
        predicted_words=word_count(predicted.text),
        max_words=config.max_words(word_count(gold.text)),
        threshold=config.similarity_threshold,
    )


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def match_claims(
    gold: Sequence[GoldClaim],
    predicted: Sequence[Any],
    config: MatchConfig = DEFAULT_MATCH_CONFIG,
) -> ClaimMatching:
    """Match predicted claims (dicts with ``"text"``, or strings) to gold claims one-to-one."""
    parsed = [ParsedText(claim_text(claim)) for claim in predicted]
    checks = [
        [check_pair(g, gi, p, pi, config) for pi, p in enumerate(parsed)]
        for gi, g in enumerate(gold)
    ]
    # Weight = base + similarity in hundredths; the base exceeds any similarity sum,
    # so the optimum has the most matches first, the most similarity second.
    base = 10_000 * max(1, min(len(gold), len(parsed))) + 1
    weights = [
        [base + round(c.similarity * 100) if c.eligible else 0 for c in row] for row in checks
    ]
    pairs = max_weight_assignment(weights)
    gold_to_pred = dict(pairs)
    pred_to_gold = {p: g for g, p in pairs}
    matches = tuple(
        ClaimMatch(g, p, gold[g].text, parsed[p].text, checks[g][p].similarity) for g, p in pairs
    )
    predicted_texts = [p.text for p in parsed]
    missed = tuple(
        _explain(
            gi,
            claim.text,
            checks[gi],
            gold_side=True,
            matched_to=pred_to_gold,
            other_texts=predicted_texts,
        )
        for gi, claim in enumerate(gold)
        if gi not in gold_to_pred
    )
    unmatched = tuple(
        _explain(
            pi,
            parsed[pi].text,
            [row[pi] for row in checks],
            gold_side=False,
            matched_to=gold_to_pred,
            other_texts=[claim.text for claim in gold],
        )
        for pi in range(len(parsed))
        if pi not in pred_to_gold
    )
    return ClaimMatching(matches, missed, unmatched, n_gold=len(gold), n_predicted=len(parsed))


def _closest(checks: Sequence[PairCheck]) -> PairCheck:
    """Eligible pairs first, then fewest missing facts, then highest similarity."""
    return max(checks, key=lambda c: (c.eligible, -len(c.missing), c.similarity))


def _explain(
    index: int,
    text: str,
    candidates: Sequence[PairCheck],
    *,
    gold_side: bool,
    matched_to: Mapping[int, int],
    other_texts: Sequence[str],
) -> Miss:
    """Why item ``index`` (a gold claim when ``gold_side``, else a prediction) was not matched.

    ``candidates`` are its pairs with every item of the other side, ``matched_to``
    maps an item of the other side to the one it was matched to on this side.
    """
    if not candidates:
        return Miss(
            index, text, "no predicted claims" if gold_side else "the gold set has no claims"
        )
    best = _closest(candidates)
    other = best.predicted_index if gold_side else best.gold_index
    what = "best candidate" if gold_side else "closest gold claim"
    head = f"{what} #{other} {_short(other_texts[other])!r}"
    if best.eligible and gold_side:
        reason = f"{head} qualifies but was matched to gold claim #{matched_to[other]}"
    elif best.eligible:
        reason = f"{head} was already matched to prediction #{matched_to[other]} (duplicate)"
    else:
        reason = f"{head} (similarity {best.similarity:.0f}): " + "; ".join(best.lacks())
    return Miss(index, text, reason, other, best.similarity)
