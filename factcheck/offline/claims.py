"""Checkable claims from body sentences: which clauses, and what they say.

Each sentence is read once, in order: its names, its speaker, its clauses;
then the discourse moves on (see coref). Each clause that labels.is_checkable
accepts becomes a claim. The quote is always the clause exactly as written in
the body; the claim text is the quote made self-contained (a pronoun subject
replaced by its antecedent, a borrowed subject put back, a leading "But"
dropped). Near-duplicates are dropped at the end (see dedupe).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field

from factcheck.offline.attribution import Attribution, find_attribution
from factcheck.offline.clauses import Piece, split_clauses, stands_alone, subject_span
from factcheck.offline.coref import Discourse, Roles, sentence_roles
from factcheck.offline.dedupe import Candidate, deduplicate
from factcheck.offline.entities import Mention, PersonRegistry, find_mentions
from factcheck.offline.features import (
    Token,
    WordBag,
    addresses_a_model,
    facts_of,
    tokenize,
    verb_index,
)
from factcheck.offline.labels import MIN_WORDS, category_of, is_checkable, strength
from factcheck.offline.lexicon import (
    DISCOURSE_MARKER,
    OPEN_QUOTES,
    ORG_NOUNS,
    REPORTING_VERBS,
    TOKEN,
)
from factcheck.offline.stance import stance_of
from factcheck.result import Claim, Evidence

# Lower case too: a later clause opens with "its", "he".
_LEADING_PRONOUN = re.compile(r"(he|she|it|they|his|her|its|their)\b", re.I)
_POSSESSIVE_PRONOUNS = frozenset({"his", "her", "its", "their"})
# "It is unclear whether ...", "It was time to ...": an "it" that refers to nothing.
_DUMMY_IT = re.compile(
    r"(?i:it)\s+(?:is|was|'s|’s|has been|had been|seems|seemed|appears|appeared|remains|"
    r"remained|will be|would be)\b(?:\s+\w+){0,3}?\s+(?:that|to|whether|if|how|why)\b"
)
_PRONOUN_FRAME = re.compile(
    rf"(?:[Hh]e|[Ss]he|[Ii]t|[Tt]hey)\s+(?:also\s+|later\s+|then\s+)?(?:{REPORTING_VERBS})"
    r"(?:\s+that)?\s+"
)
# Verbs whose reported content runs on into the sentence's later clauses.
_SPEECH_VERBS = re.compile(
    r"said|says|told|tells|added|adds|stressed|noted|wrote|argued|warned|claimed|"
    r"insisted|announced|stated|explained|emphasi[sz]ed"
)
_MAX_QUOTE_CHARS = 800
_SPACES = re.compile(r"\s+")
# "WASHINGTON (AP) — ", "TESSEL — ": a dateline opening the first paragraph.
_DATELINE = re.compile(
    r"[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3}(?:,\s+[^—–\n]{1,30}?)?(?:\s+\([^)]{1,20}\))?"
    r"\s+(?:—|–|--)\s+"
)
_NOT_ALNUM = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class ClaimOptions:
    split_clauses: bool = True
    resolve_pronouns: bool = True


@dataclass
class ClaimsOutcome:
    claims: list[Claim]
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Sentence:
    start: int
    end: int
    tokens: list[Token]  # body offsets; tokenized once, sliced per clause
    token_starts: list[int]
    mentions: list[Mention]
    attribution: Attribution | None
    roles: Roles
    unattributed_quote: bool  # opens inside quotation marks and names no speaker


@dataclass
class _Draft:
    """A clause on its way to becoming a claim."""

    start: int
    end: int
    prefix: str = ""  # text put in front of the quote (a resolved name, a subject)
    skip: int = 0  # characters of the quote the prefix replaces (a pronoun)
    anchor: int | None = None  # sentence start where a borrowed name is written
    named: bool = False
    speaker_dropped: bool = False


def _title_key(text: str) -> str:
    return _NOT_ALNUM.sub(" ", text.lower()).strip()


class _Extractor:
    def __init__(self, body: str, options: ClaimOptions, title: str | None) -> None:
        self.body = body
        self.options = options
        self.title_key = _title_key(title) if title else None
        self.registry = PersonRegistry()
        self.discourse = Discourse()
        self.too_long = 0
        self.instructions = 0

    def sentence(self, start: int, end: int) -> _Sentence:
        body = self.body
        mentions = find_mentions(body, start, end, self.registry)
        resolve = self.discourse.resolve if self.options.resolve_pronouns else _no_resolution
        attribution = find_attribution(body, start, end, mentions, resolve)
        speaker_person = (
            attribution.speaker if attribution and attribution.kind == "person" else None
        )
        tokens = tokenize(body, start, end)
        roles = sentence_roles(body, tokens, mentions, speaker_person)
        return _Sentence(
            start,
            end,
            tokens,
            [t[1] for t in tokens],
            mentions,
            attribution,
            roles,
            unattributed_quote=body[start] in OPEN_QUOTES and attribution is None,
        )

    def run(self, spans: Sequence[tuple[int, int]]) -> list[Candidate]:
        found: list[Candidate] = []
        for start, end in spans:
            sent = self.sentence(start, end)
            if addresses_a_model(self.body[start:end]):
                self.instructions += 1
            elif self.title_key is None or _title_key(self.body[start:end]) != self.title_key:
                pieces = (
                    split_clauses(self.body, start, end)
                    if self.options.split_clauses
                    else [Piece(start, end)]
                )
                for index, piece in enumerate(pieces):
                    candidate = self.claim(sent, piece, index)
                    if candidate is not None:
                        found.append(candidate)
            self.discourse.advance(sent.roles, start)
        return found

    # -- making the text self-contained ---------------------------------------

    def _antecedent(self, sent: _Sentence, word: str, index: int) -> tuple[str | None, int | None]:
        if not self.options.resolve_pronouns:
            return None, None
        lower = word.lower()
        if index > 0:  # a later clause of the same sentence: its own subject first
            local = (
                sent.roles.speaker_person or sent.roles.subject_person
                if lower in ("he", "she", "his", "her")
                else sent.roles.subject_group
            )
            if local is None and lower in ("it", "its"):
                # "The plant opened in 2021, and its cost rose": the first subject.
                span = subject_span(self.body, sent.start, sent.end)
                subject = None if span is None else self.body[span[0] : span[1]]
                if subject is not None and subject.lower() in ("it", "they"):
                    return self._antecedent(sent, subject, 0)
                local = subject
            if local is not None:
                return local, sent.start
        return self.discourse.resolve(lower), self.discourse.anchor(lower)

    def draft(self, sent: _Sentence, piece: Piece, index: int) -> _Draft:
        body = self.body
        start, end = piece.start, piece.end
        for prefix in (_DATELINE, DISCOURSE_MARKER):
            found = prefix.match(body, start, end)
            if found is not None and found.end() < end:
                start = found.end()
        draft = _Draft(start, end)
        if piece.subject is not None:
            subject = body[piece.subject[0] : piece.subject[1]]
            name, anchor = (
                self._antecedent(sent, subject, 0)
                if subject.lower() in ("he", "she", "it", "they")
                else (None, None)
            )
            draft.prefix = (name or subject) + " "
            draft.anchor = anchor if name else None
            draft.named = name is not None or any(c.isupper() for c in subject)
            return draft
        pronoun = _LEADING_PRONOUN.match(body, start, end)
        if pronoun is None:
            return draft
        word = pronoun.group(1)
        if word.lower() == "it" and _DUMMY_IT.match(body, start, end):
            return draft
        name, anchor = self._antecedent(sent, word, index)
        if name is not None:
            possessive = word.lower() in _POSSESSIVE_PRONOUNS
            suffix = ("'" if name.endswith("s") else "'s") if possessive else ""
            draft.prefix = name + suffix
            draft.skip, draft.anchor, draft.named = len(word), anchor, True
            return draft
        frame = _PRONOUN_FRAME.match(body, start, end)
        if frame is not None and stands_alone(body, frame.end(), end):
            # "He said that X" with "he" unknown: the claim is X itself.
            draft.start, draft.speaker_dropped = frame.end(), True
        return draft

    # -- deciding --------------------------------------------------------------

    def claim(self, sent: _Sentence, piece: Piece, index: int) -> Candidate | None:
        if piece.end - piece.start > _MAX_QUOTE_CHARS:
            self.too_long += 1
            return None
        draft = self.draft(sent, piece, index)
        quote = self.body[draft.start : draft.end]
        text = _SPACES.sub(" ", draft.prefix + quote[draft.skip :]).strip()
        text = _finish(text)
        tokens = sent.tokens[
            bisect_left(sent.token_starts, draft.start) : bisect_left(sent.token_starts, draft.end)
        ]
        if len(tokens) < MIN_WORDS:
            return None
        words = [t[0] for t in tokens]
        if draft.prefix:
            words.extend(TOKEN.findall(draft.prefix))
        bag = WordBag.of_words(words)
        facts = facts_of(text, bag)
        speaker, speaking_here = self._speaker(sent, piece, draft)
        named = (
            draft.named
            or any(draft.start <= m.start < draft.end for m in sent.mentions)
            or _organisation_subject(tokens)
        )
        if not is_checkable(
            self.body,
            tokens,
            facts,
            named=named,
            speaker=speaker,
            unattributed_quote=sent.unattributed_quote,
        ):
            return None
        stance = stance_of(quote, bag)
        category = category_of(tokens, facts, speaking_here, named)
        sentence_start = sent.start if draft.anchor is None else min(draft.anchor, sent.start)
        evidence = Evidence(
            start=draft.start,
            end=draft.end,
            text=quote,
            method="exact",
            score=100.0,
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
        return Candidate(claim, strength(facts, speaker, named, stance, len(tokens)))

    def _speaker(self, sent: _Sentence, piece: Piece, draft: _Draft) -> tuple[str | None, bool]:
        att = sent.attribution
        if att is None or draft.speaker_dropped:
            return None, False
        if draft.start <= att.verb_start < draft.end:
            return att.speaker, True
        if att.verb_start < piece.start and _SPEECH_VERBS.fullmatch(
            self.body, att.verb_start, att.verb_end
        ):
            return att.speaker, False  # "X said that A, and B": B is X's too
        return None, False


def _organisation_subject(tokens: list[Token]) -> bool:
    """True when an organisation named by a common noun acts: "The ministry said ..."."""
    verb = verb_index(tokens, 8)
    return verb is not None and any(t[0].lower() in ORG_NOUNS for t in tokens[:verb])


def _no_resolution(_pronoun: str) -> str | None:
    return None


def _finish(text: str) -> str:
    if text and text[0].islower():
        text = text[0].upper() + text[1:]
    if text and text[-1] not in ".!?”’\"')":
        text += "."
    return text


def extract_claims(
    body: str,
    spans: Sequence[tuple[int, int]],
    *,
    title: str | None = None,
    options: ClaimOptions | None = None,
    max_claims: int | None = None,
) -> ClaimsOutcome:
    """Claims from the body sentences ``spans``, in reading order."""
    extractor = _Extractor(body, options or ClaimOptions(), title)
    found = extractor.run(spans)
    kept = deduplicate(found)
    notes: list[str] = []
    if extractor.too_long:
        notes.append(
            f"offline engine: skipped {extractor.too_long} clause(s) longer than "
            f"{_MAX_QUOTE_CHARS} characters"
        )
    if extractor.instructions:
        notes.append(
            f"offline engine: left out {extractor.instructions} sentence(s) that address a "
            f"language model or give orders instead of reporting"
        )
    if max_claims is not None and len(kept) > max_claims:
        best = sorted(range(len(kept)), key=lambda i: (-kept[i].score, i))[:max_claims]
        notes.append(f"offline engine: kept the {max_claims} strongest of {len(kept)} claims")
        kept = [kept[i] for i in sorted(best)]
    return ClaimsOutcome([c.claim for c in kept], notes)
