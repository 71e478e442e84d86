"""Does the evidence carry what a statement says? The one check behind every status.

A claim, a summary sentence or a line given to ``factcheck verify`` is a
*statement*; its *evidence* is one or more body sentences (the quote's
sentence, or the sentences that best cover a summary sentence). ``assess``
compares the two and returns a ``Verdict``: a status and the findings behind
it, each naming the part of the statement and the body spans it was checked
against.

- **informative words**: the statement's content words, each weighted by how
  rare it is in the article (``SentenceIndex.weight``: a word found in few
  sentences, or nowhere, weighs most). The weighted share found in the
  evidence must reach ``MIN_COVERAGE``; otherwise the missing words are named.
- **numbers, dates, names**: every one must be in the evidence
  (``compare.missing_facts``). A figure the evidence gives differently for the
  same kind of quantity (same unit, or the same word after it) contradicts.
- **polarity**: negation and opposite words (``polarity.flips``); a flip
  contradicts. "Unanimous" against a split vote ("6 to 3") contradicts too.
- **roles**: two names around a shared word in the opposite order
  ("A beat B" against "B beat A"), voice being the same, contradict; so does
  a name in another's role: where the evidence has another name, or a thing
  for a person and the other way round, or a name given twice
  (``roles.wrong_role``).

Statuses: ``supported`` (nothing found missing), ``partial`` (some content not
in the evidence), ``contradicted`` (the evidence says otherwise);
``unsupported`` (no evidence at all) is decided by the caller before this.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from factcheck.facts.irregular import base_form
from factcheck.facts.numbers import normalise_number_words
from factcheck.grounding.compare import FactProblem, FactSet, missing_facts
from factcheck.grounding.overlap import SentenceIndex, content_words
from factcheck.grounding.polarity import flips_across, stem
from factcheck.grounding.roles import People, swapped_name, wrong_role
from factcheck.result import Finding, Status

Window = tuple[int, int]

MIN_COVERAGE = 0.8  # weighted share of informative words the evidence must hold
MAIN_SHARE = 0.5  # an evidence sentence holding this share of the statement is read for polarity
_PREFIX = 5  # a stem this long may match a longer word it begins ("visit", "visitor")
_DIGIT = re.compile(r"\d")
_AGE = re.compile(r"(?<=\d)-year-old\b")
_VOTE = re.compile(r"\b(\d+)\s*(?:votes?\s+)?(?:to|-|–)\s*(\d+)\b")
_UNANIMOUS = re.compile(r"\bunanimous(?:ly)?\b", re.I)
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|be)\s+\w+(?:ed|en)\s+by\b", re.I)


@dataclass(frozen=True)
class Verdict:
    """The status of a statement and why."""

    status: Status
    findings: tuple[Finding, ...] = ()
    spans: tuple[Window, ...] = ()
    coverage: float = 1.0  # weighted share of the informative words found

    @property
    def problems(self) -> tuple[str, ...]:
        return tuple(f.message() for f in self.findings)


def informative_words(text: str) -> set[str]:
    """Content words that carry meaning (figures are facts, checked as such)."""
    return {w for w in content_words(text) if not _DIGIT.search(w) and len(w) > 1}


def _key(word: str) -> str:
    """A looser form for matching inflections: "apologised" and "apologise" meet."""
    return stem(word)


def word_keys(word: str) -> set[str]:
    """The keys ``word`` is matched by: itself and its stem.

    Both, because a content word may already be stemmed: "hous" (of "houses")
    meets "house" as it is, though its own stem drops the "s" as of a plural
    ("boys", "boy"); and an irregular verb form's base ("sold", "sell").
    """
    base = base_form(word)
    return {word, _key(word)} if base is None else {word, _key(word), base}


def inflection_keys(words: Iterable[str]) -> list[str]:
    """The sorted match keys of ``words``, for ``has_inflection``."""
    return sorted({k for w in words for k in word_keys(w)})


def has_inflection(word: str, evidence_words: set[str], keys: list[str]) -> bool:
    """``word`` or an inflection of it ("visit", "visitors") is among the evidence words.

    ``keys`` is ``inflection_keys(evidence_words)``.
    """
    if word in evidence_words:
        return True
    return any(_meets(key, keys) for key in word_keys(word))


def _meets(key: str, keys: list[str]) -> bool:
    i = bisect_left(keys, key[:_PREFIX])
    while i < len(keys) and keys[i].startswith(key[:_PREFIX]):
        other = keys[i]
        if other == key or (
            len(key) >= _PREFIX and (other.startswith(key) or key.startswith(other))
        ):
            return True
        i += 1
    return False


def word_coverage(
    statement_words: set[str], evidence_words: set[str], weights: SentenceIndex
) -> tuple[float, list[str]]:
    """Weighted share of ``statement_words`` found in ``evidence_words``, and the missing ones."""
    if not statement_words:
        return 1.0, []
    keys: list[str] | None = None  # built for the first word the evidence lacks as written
    total = found = 0.0
    missing: list[str] = []
    for word in sorted(statement_words):
        weight = weights.weight(word)
        total += weight
        if word in evidence_words:
            found += weight
            continue
        if keys is None:
            keys = inflection_keys(evidence_words)
        if has_inflection(word, evidence_words, keys):
            found += weight
        else:
            missing.append(word)
    return (found / total if total else 1.0), missing


def _same_kind(q_text: str, statement: str, e_text: str, evidence: str) -> bool:
    """True when two figures count the same kind of thing: the word after each is the same."""
    after_q = _word_after(statement, q_text)
    return after_q is not None and after_q == _word_after(evidence, e_text)


def _word_after(text: str, figure: str) -> str | None:
    i = text.find(figure)
    if i < 0:
        return None
    # "39-year-old" counts years of age, "three-year deal" years of a term.
    m = re.match(r"\W*([A-Za-z]+(?:-[A-Za-z]+)*)", text[i + len(figure) :])
    return None if m is None else stem(m.group(1).lower())


def _number_finding(problem: FactProblem, statement: FactSet, evidence: FactSet) -> bool:
    """True when the evidence gives another figure for the statement's quantity."""
    for q in statement.quantities:
        if q.text != problem.text:
            continue
        for e in evidence.quantities:
            if e.value == q.value:
                return False  # the same figure with another bound: not a different figure
            if q.unit is not None and q.unit == e.unit:
                return True
            if _same_kind(q.text, statement.text, e.text, evidence.text):
                return True
    return False


def _main_parts(words: set[str], parts: Sequence[str], weights: SentenceIndex) -> list[str]:
    """The parts that hold at least half of ``words`` (weighted), or else the best one."""
    if len(parts) <= 1:
        return list(parts)
    scored = [(word_coverage(words, informative_words(p), weights)[0], p) for p in parts]
    chosen = [p for share, p in scored if share >= MAIN_SHARE]
    return chosen or [max(scored, key=lambda sp: sp[0])[1]]


def _split_vote(evidence: str) -> str | None:
    for m in _VOTE.finditer(normalise_number_words(evidence)):
        if int(m.group(2)) > 0 and int(m.group(1)) > 0:
            return m.group(0)
    return None


def _word_at(text: str, name: str) -> int:
    """Where ``name`` first stands in ``text`` as whole words, or -1: the "D" of
    "3D" is not inside "Dutch"."""
    found = re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text)
    return -1 if found is None else found.start()


def _role_swap(statement: FactSet, evidence: FactSet) -> str | None:
    """Two names of the statement that the evidence puts the other way round."""
    names = [n for n in statement.names if _word_at(evidence.text, n) >= 0]
    if len(names) < 2:
        return None
    first, second = names[0], names[1]
    s1, s2 = _word_at(statement.text, first), _word_at(statement.text, second)
    e1, e2 = _word_at(evidence.text, first), _word_at(evidence.text, second)
    if s1 > s2 or e2 > e1:
        return None
    between = informative_words(statement.text[s1 + len(first) : s2])
    if not between:
        return None
    reversed_between = informative_words(evidence.text[e2 + len(second) : e1])
    if not between & reversed_between:
        return None
    passive_s = bool(_PASSIVE.search(statement.text[s1:s2]))
    passive_e = bool(_PASSIVE.search(evidence.text[e2:e1]))
    if passive_s != passive_e:
        return None
    return f"{first} … {second}"


def assess(
    statement: FactSet,
    evidence: FactSet,
    spans: Sequence[Window],
    weights: SentenceIndex,
    *,
    context: FactSet | None = None,
    min_coverage: float = MIN_COVERAGE,
    parts: Sequence[str] | None = None,
    known: Collection[str] = (),
) -> Verdict:
    """The verdict for ``statement`` against ``evidence`` (the text of ``spans``).

    ``context`` (default: the evidence) is where names and words may also be
    found: the sentence before a quote often names who "she" is. Polarity,
    figures and roles are read from ``evidence`` alone. ``known``: names of the
    statement the caller has found to stand for what the whole article is
    about; they need not be in the evidence.
    """
    wider = evidence if context is None else context
    where = tuple(spans)
    findings: list[Finding] = []
    people = People.of_index(weights)
    for problem in missing_facts(statement, evidence, name_evidence=wider):
        detail = problem.hint
        if problem.kind == "number":
            contradicts = _number_finding(problem, statement, evidence)
        elif problem.kind == "name":
            other = swapped_name(problem.text, statement, evidence, people, weights.texts)
            contradicts = other is not None
            detail = f"evidence says {other}" if other is not None else detail
        else:
            contradicts = False
        if problem.text in known and not contradicts:
            continue
        findings.append(Finding(problem.kind, problem.text, where, contradicts, detail))
    # A missing name is reported as such, not once more as missing words; the
    # words of a name the caller knows ("the Tessel Harbour Bridge" where the
    # evidence says "the bridge") count as found.
    named = {w for f in findings if f.kind == "name" for w in informative_words(f.part)}
    # An age's "year" and "old" belong to its figure: "the 19-year-old" says no
    # more in words than "Grealish, 19".
    said = _AGE.sub("", statement.text) if "year-old" in statement.text else statement.text
    shared = informative_words(said) - named
    known_words = {w for name in known for w in informative_words(name)}
    coverage, missing = word_coverage(shared, informative_words(wider.text) | known_words, weights)
    if coverage < min_coverage and missing:
        findings.append(
            Finding("words", ", ".join(missing), where, detail=f"{coverage:.0%} of the content")
        )
    # Polarity and roles are read sentence by sentence, in the sentences that say
    # most of what the statement says: a "not" in a side remark elsewhere is not
    # the statement's negation.
    readings = _main_parts(shared, [evidence.text] if parts is None else parts, weights)
    # One part that is the whole evidence reuses its facts, already extracted.
    read_facts = [evidence if p == evidence.text else FactSet(p) for p in readings]
    for flip in flips_across(statement.text, readings):
        findings.append(Finding("polarity", flip.message(), where, contradicts=True))
    if _UNANIMOUS.search(statement.text) and not _UNANIMOUS.search(evidence.text):
        vote = _split_vote(evidence.text)
        if vote is not None:
            findings.append(
                Finding("polarity", f"the claim says unanimous, the evidence says {vote!r}", where,
                        contradicts=True)
            )  # fmt: skip
    swapped = next(
        (s for s in (_role_swap(statement, f) for f in read_facts) if s is not None), None
    )
    wrong = (
        f"{swapped} in the opposite roles"
        if swapped is not None
        else wrong_role(
            statement, read_facts, [evidence.text] if parts is None else parts, people, weights
        )
    )
    if wrong is not None:
        findings.append(Finding("role", wrong, where, contradicts=True))
    status: Status = "supported"
    if any(f.contradicts for f in findings):
        status = "contradicted"
    elif findings:
        status = "partial"
    return Verdict(status, tuple(findings), where, coverage)
