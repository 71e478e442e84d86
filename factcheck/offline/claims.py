"""Checkable claims from body sentences: which clauses, and what they say.

Each sentence is read once, in order: its names, its speaker, its place in a
quotation, its clauses; then the discourse moves on (see coref). Each clause
that labels.is_checkable accepts becomes a claim. The quote is always the
clause exactly as written in the body; the claim text is the quote made
self-contained (see drafting), or, for a sentence inside a quotation whose
speaker was named earlier, "<speaker> said: “<quote>”". A stray full stop
inside a sentence (see units) is left in the quote and taken out of the text.
A near-copy of a recent claim is dropped as soon as it is found (see dedupe).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from factcheck.facts.abbreviations import is_abbreviation
from factcheck.facts.names import ArticleCasing
from factcheck.offline.attribution import Attribution, find_attribution
from factcheck.offline.clauses import Piece, split_clauses, stands_alone
from factcheck.offline.coref import Discourse, Roles, sentence_roles
from factcheck.offline.dedupe import Candidate, Deduplicator, key_of
from factcheck.offline.drafting import Draft, Drafter, opens_on_loose_pronoun
from factcheck.offline.entities import Mention, PersonRegistry, find_mentions
from factcheck.offline.features import (
    Tokens,
    WordBag,
    facts_of,
    is_verb_form,
)
from factcheck.offline.labels import (
    MIN_WORDS,
    Shape,
    category_of,
    is_checkable,
    shape_of,
    strength,
)
from factcheck.offline.lexicon import BASE_VERBS, OPEN_QUOTES, ORG_NOUNS, REPORTING_WORDS, TOKEN
from factcheck.offline.quotations import QuoteContext, QuoteTracker
from factcheck.offline.reading_units import Reading
from factcheck.offline.stance import stance_of
from factcheck.result import Claim, Evidence

# Verbs whose reported content runs on into the sentence's later clauses.
_SPEECH_VERBS = re.compile(
    r"said|says|told|tells|added|adds|stressed|noted|wrote|argued|warned|claimed|"
    r"insisted|announced|stated|explained|emphasi[sz]ed"
)
_MAX_QUOTE_CHARS = 800
# A clause longer than this holds several facts run together (a caption glued to
# a sentence, a list): not one claim a fact-checker could take.
MAX_CLAIM_WORDS = 60
# Words in -ing that open a phrase, not a verb: "according to police, ...".
_ING_PREPOSITIONS = frozenset(
    "according during including following regarding concerning notwithstanding pending "
    "excluding considering barring nothing something anything everything".split()
)
_ACCORDING = frozenset({"according"})
_NOT_ALNUM = re.compile(r"[\W_]+")
_STRAY_STOP = re.compile(r"(?<=\w)\.(?=[”’\"]?\s+[a-z])")

ToOriginal = Callable[[int, int], tuple[int, int]]


@dataclass(frozen=True)
class ClaimOptions:
    split_clauses: bool = True
    resolve_pronouns: bool = True


@dataclass
class ClaimsOutcome:
    claims: list[Claim]
    notes: list[str] = field(default_factory=list)


class _Sentence(NamedTuple):
    start: int
    end: int
    tokens: Tokens
    mentions: list[Mention]
    roles: Roles
    bag: WordBag
    shape: Shape
    attribution: Attribution | None
    quote: QuoteContext
    unattributed_quote: bool  # inside quotation marks, and nobody named as saying it


def title_key(text: str) -> str:
    return _NOT_ALNUM.sub(" ", text.lower()).strip()


def _no_resolution(_pronoun: str) -> str | None:
    return None


def _finish(text: str) -> str:
    if text and text[0].islower():
        text = text[0].upper() + text[1:]
    if text and text[-1] not in ".!?”’\"')":
        text += "."
    return text


def repair_stops(text: str) -> str:
    """``text`` without stray full stops before a lower-case word ("the border. of his
    country" -> "the border of his country"); abbreviations keep theirs ("6 a.m. on")."""
    found = [m.start() for m in _STRAY_STOP.finditer(text) if not is_abbreviation(text, m.start())]
    for pos in reversed(found):
        text = text[:pos] + text[pos + 1 :]
    return text


def _opens_on_bare_verb(words: list[str]) -> bool:
    """True when the first word is a verb in lower case: no subject precedes it."""
    if not words or not words[0].islower():
        return False
    first = words[0]
    if first in _ING_PREPOSITIONS:
        return False
    return is_verb_form(first) or first in BASE_VERBS or first.endswith("ing")


def _as_quotation(quote: str) -> str:
    """The quote between balanced quotation marks, however much of them it holds."""
    opener = quote[0] if quote[0] in '“"' else ('"' if '"' in quote else "“")
    closer = "”" if opener == "“" else '"'
    inner = quote[1:] if quote[0] == opener else quote
    if not inner.rstrip().endswith(closer):
        inner = inner.rstrip() + closer
    return opener + inner


class ClaimExtractor:
    """Reads sentences one at a time (``add``) and keeps the candidate claims."""

    def __init__(
        self,
        body: str,
        options: ClaimOptions | None = None,
        title: str | None = None,
        to_original: ToOriginal | None = None,
    ) -> None:
        self.body = body
        self.options = options or ClaimOptions()
        self.title_key = title_key(title) if title else None
        self.title_chars = len(title) if title else 0
        self.to_original = to_original
        self.registry = PersonRegistry()
        # Tells a name from a capitalised sentence opener; grounding reads it too (cached).
        self.casing = ArticleCasing.of(body)
        self.discourse = Discourse()
        self.drafter = Drafter(body, self.discourse, self.options.resolve_pronouns)
        self.quotes = QuoteTracker()
        self.found: list[Candidate] = []  # in reading order, near-copies left out
        self.dedupe = Deduplicator()
        self.too_long = 0
        self.instructions = 0
        self.loose = 0  # clauses left out for a pronoun that names nobody for certain
        self.fragments = 0  # clauses left out for having no subject

    def _is_title(self, start: int, end: int) -> bool:
        if self.title_key is None or end - start > 2 * self.title_chars + 20:
            return False
        return title_key(self.body[start:end]) == self.title_key

    def _sentence(self, reading: Reading) -> _Sentence:
        unit, tokens, bag, shape = reading.unit, reading.tokens, reading.bag, reading.shape
        body, start, end = self.body, unit.start, unit.end
        mentions = find_mentions(body, start, end, self.registry, self.casing)
        resolve = self.discourse.resolve if self.options.resolve_pronouns else _no_resolution
        attribution = (
            None
            if bag.lower.isdisjoint(REPORTING_WORDS) and bag.lower.isdisjoint(_ACCORDING)
            else find_attribution(body, start, end, mentions, resolve)
        )
        speaker_person = (
            attribution.speaker if attribution and attribution.kind == "person" else None
        )
        roles = sentence_roles(
            body, tokens, mentions, speaker_person, (shape.main_start, shape.main_verb)
        )
        quote = self.quotes.enter(body, start, end, paragraph_start=unit.paragraph_start)
        unattributed = (
            (quote.inside or body[start] in OPEN_QUOTES)
            and attribution is None
            and quote.speaker is None
        )
        return _Sentence(
            start, end, tokens, mentions, roles, bag, shape, attribution, quote, unattributed
        )

    def add(self, reading: Reading) -> None:
        """Read one unit of the body, in order."""
        sent = self._sentence(reading)
        unit, tokens, bag = reading.unit, reading.tokens, reading.bag
        start, end = unit.start, unit.end
        if reading.instruction:
            self.instructions += 1
        elif unit.lower_start and (
            not tokens.words
            or tokens.words[0].endswith("ing")
            or not stands_alone(self.body, start, end, tokens)
        ):
            # A run-on piece ("... the border. of his country with Ukraine."): no claim.
            self.too_long += end - start > _MAX_QUOTE_CHARS
        elif not self._is_title(start, end):
            if self.options.split_clauses and not sent.quote.inside:
                pieces = split_clauses(self.body, start, end, tokens, bag.lower)
            else:
                pieces = [Piece(start, end)]
            for index, piece in enumerate(pieces):
                candidate = self._claim(sent, piece, index)
                if candidate is not None:
                    self.found.append(candidate)
        att = sent.attribution
        own, anchor = None, None
        if att is not None:
            own = att.speaker
            # "..., he said": the name is written where the discourse last named him.
            anchor = start if att.pronoun is None else self.discourse.anchor(att.pronoun)
        self.quotes.leave(self.body, start, end, context=sent.quote, own_speaker=own, anchor=anchor)
        self.discourse.advance(sent.roles, start)

    def _speaker(self, sent: _Sentence, piece: Piece, draft: Draft) -> tuple[str | None, bool]:
        att = sent.attribution
        if att is None or draft.speaker_dropped:
            return None, False
        if draft.start <= att.verb_start < draft.end:
            return att.speaker, True
        if (
            att.verb_start < piece.start
            and not piece.contrast
            and _SPEECH_VERBS.fullmatch(self.body, att.verb_start, att.verb_end)
        ):
            return att.speaker, False  # "X said that A, and B": B is X's too
        return None, False

    def _claim(self, sent: _Sentence, piece: Piece, index: int) -> Candidate | None:
        if piece.end - piece.start > _MAX_QUOTE_CHARS:
            self.too_long += 1
            return None
        draft = self.drafter.draft(sent, piece, index, quoted=sent.quote.quoted)
        whole = draft.start == sent.start and draft.end == sent.end
        tokens = sent.tokens if whole else sent.tokens.between(draft.start, draft.end)
        words = tokens.words
        if len(words) < MIN_WORDS:
            return None
        if len(words) > MAX_CLAIM_WORDS:
            self.too_long += 1
            return None
        body = self.body
        quote = body[draft.start : draft.end]
        if piece.subject is None and not draft.prefix and _opens_on_bare_verb(words):
            # "came Dr Venter's real breakthrough", "play with the hen": a clause cut
            # from its subject that borrowed none is a fragment.
            self.fragments += 1
            return None
        speaker, speaking_here = self._speaker(sent, piece, draft)
        anchor = draft.anchor
        prefix = draft.prefix
        inherited = speaker is None and sent.attribution is None and sent.quote.speaker
        if inherited:
            # A sentence of a quotation whose speaker was named a sentence or two before.
            speaker, speaking_here, anchor = sent.quote.speaker, True, sent.quote.anchor
            prefix = f"{speaker} said"
            text = f"{prefix}: {_as_quotation(quote.strip())}"
        else:
            text = _finish(" ".join((prefix + quote[draft.skip :]).split()))
            if text.find(".", 0, len(text) - 1) != -1 and _STRAY_STOP.search(text):
                text = repair_stops(text)
        if prefix:  # the clause's words and those put in front of it
            bag = WordBag.of_words(words + TOKEN.findall(prefix))
        elif whole:
            bag = sent.bag
        else:
            bag = WordBag.of_words(words)
        facts = facts_of(text, bag)
        shape = sent.shape if whole else shape_of(body, tokens)
        if piece.subject is not None and shape.verb is None:
            # "orders an audit ...": clauses.is_verb_phrase found the verb first.
            shape = Shape(0, 0, 0)
        verb = shape.verb
        named = (
            draft.named
            or any(draft.start <= m.start < draft.end for m in sent.mentions)
            # An organisation named by a common noun acts: "The ministry said ...".
            or (
                verb is not None
                and verb < 8
                and not bag.lower.isdisjoint(ORG_NOUNS)
                and any(w.lower() in ORG_NOUNS for w in words[:verb])
            )
        )
        if not is_checkable(
            body,
            tokens,
            facts,
            named=named,
            speaker=speaker,
            # A quotation running on is worth a claim only when it states a fact,
            # whether or not its speaker is known.
            unattributed_quote=sent.unattributed_quote or bool(inherited),
            resolved_subject=draft.resolved,
            shape=shape,
        ):
            return None
        if (
            self.options.resolve_pronouns
            and not inherited
            and not (speaker is not None and speaker in text)
            and opens_on_loose_pronoun(text)
        ):
            # Whom the pronoun means is not certain, and no speaker named in the
            # claim says it: no claim rather than a guess.
            self.loose += 1
            return None
        if not self.dedupe.keep(key_of(bag.words, bag.lower, facts.digit)):
            return None  # a near-copy of a recent claim
        stance = stance_of(quote, bag)
        category = category_of(words, facts, speaking_here, named, verb)
        sentence_start = sent.start if anchor is None else min(anchor, sent.start)
        original_start, original_end = (
            (None, None) if self.to_original is None else self.to_original(draft.start, draft.end)
        )
        evidence = Evidence(
            start=draft.start,
            end=draft.end,
            text=quote,
            method="exact",
            score=100.0,
            original_start=original_start,
            original_end=original_end,
            sentence_start=sentence_start,
            sentence_end=sent.end,
        )
        claim = Claim(
            text=text,
            quote=quote,
            category=category,
            speaker=speaker,
            stance=stance,
            evidence=evidence,
        )
        return Candidate(claim, strength(facts, speaker, named, stance, len(words)))

    def outcome(self, max_claims: int | None = None) -> ClaimsOutcome:
        """The claims found so far, without near-duplicates, and notes on what was left out."""
        kept = self.found
        notes: list[str] = []
        if self.too_long:
            notes.append(
                f"offline engine: skipped {self.too_long} clause(s) longer than "
                f"{MAX_CLAIM_WORDS} words or {_MAX_QUOTE_CHARS} characters"
            )
        if self.instructions:
            notes.append(
                f"offline engine: left out {self.instructions} sentence(s) that address a "
                f"language model instead of reporting"
            )
        if self.fragments:
            notes.append(
                f"offline engine: left out {self.fragments} clause(s) that open on a verb "
                f"with no subject"
            )
        if self.loose:
            notes.append(
                f"offline engine: left out {self.loose} clause(s) that open on a pronoun "
                f"whose antecedent is not certain"
            )
        if max_claims is not None and len(kept) > max_claims:
            best = sorted(range(len(kept)), key=lambda i: (-kept[i].score, i))[:max_claims]
            notes.append(f"offline engine: kept the {max_claims} strongest of {len(kept)} claims")
            kept = [kept[i] for i in sorted(best)]
        return ClaimsOutcome([c.claim for c in kept], notes)
