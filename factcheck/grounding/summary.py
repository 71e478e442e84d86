"""Check each sentence of a summary (or any statement) against the article body.

For every summary sentence:

1. form: a summary written as tokens in lower case (``-lrb-``, `` , ``) is split
   into sentences and read in its plain form, with the body's names given
   their capitals back (see tokenised.py);
2. evidence: the sentence itself when it is in the body (exact, normalised or
   fuzzy, as for quotes); otherwise up to ``MAX_JOIN`` body sentences that
   together cover the most of its informative words (summaries fuse
   sentences; see ``SentenceIndex.best_join``). Text that addresses a model
   (an injected instruction, see excluded.py) is never evidence;
3. the verdict of ``support.assess``: informative words, numbers, dates,
   names, polarity and roles. A fact or word missing from the evidence is
   reported as "not near the matching text" when it is elsewhere in the body
   and "not in the article" when it is nowhere;
4. a sentence in its own words (see paraphrase.py): when what keeps it from
   ``supported`` is only content the evidence passage lacks but the article
   has elsewhere (words, or facts "not near the matching text"), at most
   ``MAX_ABSENT`` of its informative words (and under ``MAX_ABSENT_SHARE`` of
   them) are absent from the whole article, and it draws on more than one
   passage, it is ``supported``: it states what the article says across
   passages. A
   sentence that copies the article (``MAX_COPIED`` of its words or more in
   runs the body has) is held to the passage it copies;
5. quotation marks: a word the sentence quotes must be a word of the article
   (``ArticleVocabulary.misquoted``), whatever passage carries the rest.

A name must be written in the evidence: a name found there by one of its
words only ("Dunmore Card" where the passage has "Dunmore" and no "Card") is
missing from it. A name the evidence leaves out is accepted when it names the
sentence before, or the article's subject: a name of the title, or the place
of the dateline ("TESSEL — ") or a prominent name of the lead where the
passage names no one else (``_setting``); its words then count as found. An
unnamed passage speaks of one subject: a statement that needs two such names
is held to the passage, and a person must be there as a person
(``roles.may_stand_for``); a passage that names others still speaks of it
when it gives the statement's deed to "he", "she" or "the 39-year-old"
(``roles.stands_in_place``), and any name where the passage gives its deed to
a description the article gives that name alone (``roles.described_in_place``).
A full name is written in a passage that writes
part of it in its place (``roles.written_in_place``). A figure beside a name
("Pat Ingles, 69,") may come from another passage that writes it beside the
same name.

Status: ``supported``, ``partial``, ``contradicted`` (see support.py), or
``unsupported``: no evidence region at all, or the sentence has facts and
none of them is anywhere in the body.
"""

from __future__ import annotations

import dataclasses
import math
import re
from bisect import bisect_left
from collections.abc import Iterator
from functools import cached_property

from factcheck.facts.datelines import dateline_place
from factcheck.facts.demonyms import is_demonym
from factcheck.grounding.body_indexes import body_index
from factcheck.grounding.compare import FactSet
from factcheck.grounding.locate import DEFAULT_THRESHOLD, Window
from factcheck.grounding.overlap import content_words
from factcheck.grounding.paraphrase import ArticleVocabulary
from factcheck.grounding.polarity import turning_words
from factcheck.grounding.roles import (
    People,
    described_in_place,
    may_stand_for,
    people_of,
    stands_in_place,
    written_in_place,
)
from factcheck.grounding.support import Verdict, assess, informative_words
from factcheck.grounding.tokenised import is_caseless, readable, recase, sentences
from factcheck.result import Evidence, Finding, SentenceCheck, Status
from factcheck.sentences import paragraph_spans

MIN_EVIDENCE = 0.34  # weighted share of informative words a region must hold to be evidence
MAX_JOIN = 3  # body sentences one summary sentence may draw on
MIN_GAIN = 0.15  # share of the weight a further sentence must add to join
NEARBY = 1  # a name this many sentences from the evidence belongs to the same passage
MAX_ELSEWHERE = 200  # body sentences searched for a fact missing from the evidence
NO_EVIDENCE = "no matching text in the article"
QUOTED = "quoted"
_FACT_KINDS = ("number", "date", "name")
# Calibrated on one half of FRANK's articles and confirmed on the other
# (bench/frank_verify.py): a faithful abstractive sentence copies little and
# rarely uses more than two words the article never does, nor a third of its words.
MAX_COPIED = 0.4
MAX_ABSENT = 2
MAX_ABSENT_SHARE = 1 / 3
# A name the evidence leaves out stands for the article's subject only when the
# article mentions it at least half as often as its most mentioned name.
PROMINENT = 0.5
_ELSEWHERE = "near the matching text"


class SummaryChecker:
    """Checks statements against one body; the body's indexes are built once, on demand."""

    def __init__(
        self, body: str, *, threshold: float = DEFAULT_THRESHOLD, title: str | None = None
    ) -> None:
        self.index = body_index(body)
        self.title = FactSet(title or "")
        self.vocabulary = ArticleVocabulary(body)
        self.threshold = threshold

    @property
    def body(self) -> str:
        return self.index.body

    @property
    def sentences(self) -> list[Window]:
        return self.index.sentences

    def elsewhere(self, fact_text: str) -> FactSet:
        """The facts of the body sentences that share a word with ``fact_text``.

        Looking only where the fact's words occur keeps this cheap on a long
        body; a fact written with entirely different words ("12" for "a dozen")
        is then reported as absent rather than as misplaced.
        """
        ids = self.index.words.containing(content_words(fact_text), limit=MAX_ELSEWHERE)
        return self.facts("\n".join(self.index.text(*self.sentences[i]) for i in ids))

    def facts(self, text: str) -> FactSet:
        """The facts of ``text``, its names read with the body's casing."""
        return FactSet(text, self.index.casing)

    def form(self, text: str) -> str:
        """The form of ``text`` that is checked (see the module notes)."""
        plain = readable(text)
        return recase(plain, self.index.capitalised) if is_caseless(text) else plain

    def _region(self, text: str) -> tuple[Evidence, list[Window]] | None:
        """Evidence for ``text`` and the body spans it is checked against."""
        located = self.index.locate(text, threshold=self.threshold)
        if located is not None and not self.index.excluded.overlaps(located.start, located.end):
            start = located.sentence_start if located.sentence_start is not None else located.start
            end = located.sentence_end if located.sentence_end is not None else located.end
            return located, [(start, end)]
        words = informative_words(text) or content_words(text)
        # Sentences are chosen for what the statement says, not for whom: a name
        # put in another's place must not bring that other's sentence along.
        named = {w for name in self.facts(text).names for w in informative_words(name)}
        words = self.vocabulary.body_forms((words - named) or words, self.index.words.weight)
        chosen = self.index.words.best_join(words, limit=MAX_JOIN, min_gain=MIN_GAIN)
        if not chosen:
            return None
        spans = [self.sentences[i] for i in sorted(chosen)]
        union: set[str] = set()
        for i in chosen:
            union |= self.index.words.words(i)
        share = _weighted_share(self, words, union)
        if share < MIN_EVIDENCE:
            return None
        s, e = self.sentences[chosen[0]]
        evidence = Evidence(
            start=s,
            end=e,
            text=self.body[s:e],
            method="fuzzy",
            score=round(100.0 * share, 2),
            sentence_start=spans[0][0],
            sentence_end=spans[-1][1],
        )
        return evidence, spans

    def verdict(self, text: str) -> tuple[Verdict, Evidence | None]:
        """The verdict for ``text`` (already in checked form) and its main evidence."""
        region = self._region(text)
        if region is None:
            finding = Finding("evidence", NO_EVIDENCE)
            return Verdict("unsupported", (finding,), (), 0.0), None
        evidence, spans = region
        statement = self.facts(text)
        if len(spans) == 1:
            near = self.index.facts(*spans[0])
        else:
            near = self.facts("\n".join(self.index.text(s, e) for s, e in spans))
        parts = [self.index.text(s, e) for s, e in spans]
        known = self._known_names(statement, near)
        verdict = assess(statement, near, spans, self.index.words, parts=parts, known=known)
        findings: list[Finding] = []
        joined = list(spans)
        absent = 0
        partly = self._partly_named(statement, near, verdict, spans, known)
        for finding in (*verdict.findings, *partly):
            beside = self._nearby(finding, spans) if finding.kind == "name" else None
            if beside is not None and not finding.contradicts:
                joined.append(beside)  # named a sentence or two away: the same passage
                continue
            if (
                finding.kind == "number"
                and not finding.contradicts
                and self._in_apposition(finding.part, statement)
            ):
                continue
            if finding.kind in _FACT_KINDS and not finding.contradicts:
                if not _present(finding, statement, self.elsewhere(finding.part)):
                    absent += 1
                    findings.append(dataclasses.replace(finding, where="in the article"))
                    continue
                findings.append(dataclasses.replace(finding, where=_ELSEWHERE))
                continue
            findings.append(finding)
        status: Status = "supported"
        if any(f.contradicts for f in findings):
            status = "contradicted"
        elif findings:
            status = "partial"
        if absent and absent == statement.fact_count():
            status = "unsupported"
        if status == "partial" and self._said_elsewhere(text, findings, statement, near, spans):
            status, findings = "supported", []
        misquoted = self.vocabulary.misquoted(text)
        if misquoted:
            findings.append(Finding("words", ", ".join(misquoted), tuple(spans), detail=QUOTED,
                                    where="in the article"))  # fmt: skip
            status = "partial" if status == "supported" else status
        verdict = dataclasses.replace(
            verdict, status=status, findings=tuple(findings), spans=tuple(sorted(set(joined)))
        )
        return verdict, evidence

    def _known_names(self, statement: FactSet, near: FactSet) -> list[str]:
        """Names of ``statement`` the evidence need not write (``assess``'s ``known``).

        The place or body the whole article is about (``_setting``): named in
        the title, or else where the evidence names no one else who could
        stand in its place.
        """
        known = []
        for name in statement.names:
            if near.writes_name(name):
                continue
            if (
                self.title.has_name(name)
                or (self._setting(name) and self._alone(name, statement, near))
                or described_in_place(name, statement, near, self.people, self.index.words.texts)
            ) and may_stand_for(name, near.text, self.people):
                known.append(name)
        # An unnamed passage ("the mine") speaks of one subject: a statement that
        # needs two names it leaves out ("River Venn samples ... the Ardloch
        # mine") has put one of them there.
        unnamed = [n for n in known if not near.has_name(n)]
        return known if _subjects(statement.text, unnamed) < 2 else []

    def _alone(self, name: str, statement: FactSet, near: FactSet) -> bool:
        """True when no one the evidence names may stand where ``statement`` has ``name``.

        Either it names no one the statement leaves out, or it gives what the
        statement says of the name to a word that stands for it ("the
        39-year-old paid tribute" for "Locke paid tribute"), which puts the
        names it does give elsewhere (``roles.stands_in_place``).
        """
        return not _names_someone_else(statement, near) or stands_in_place(
            name, statement, near, self.people, self.index.words.texts
        )

    def _in_apposition(self, figure: str, statement: FactSet) -> bool:
        """True when ``figure`` follows a name in the statement as it does in the body.

        "Pat Ingles, 69, from Edinburgh lost her husband" draws the age from
        another passage ("Pat Ingles, 69, remembers ..."): the figure is said of
        the same name there, not merely somewhere in the article.
        """
        owner = _name_before(statement.text, figure)
        if owner is None:
            return False
        pattern = _apposition(owner, figure)
        return pattern.search(self.body) is not None

    def _partly_named(
        self,
        statement: FactSet,
        near: FactSet,
        verdict: Verdict,
        spans: list[Window],
        known: list[str],
    ) -> list[Finding]:
        """Names the evidence has only some words of.

        "Dunmore Card" where the evidence says "Dunmore" (of "Dunmore Transit")
        and not "Card": ``name_present`` accepts one word, as a claim may add a
        given name the sentence leaves out, but the other words must then be
        somewhere near.
        """
        reported = {f.part for f in verdict.findings if f.kind == "name"}
        return [
            Finding("name", name, tuple(spans))
            for name in statement.names
            if name not in reported
            and name not in known
            and not near.writes_name(name)
            and not self._in_place(name, statement, near)
        ]

    def _in_place(self, name: str, statement: FactSet, near: FactSet) -> bool:
        """True when the evidence writes part of ``name`` in its place and the
        article writes it whole (``roles.written_in_place``)."""
        return self.article.writes_name(name) and written_in_place(
            name, statement, near, self.people
        )

    def _said_elsewhere(
        self,
        text: str,
        findings: list[Finding],
        statement: FactSet,
        near: FactSet,
        spans: list[Window],
    ) -> bool:
        """True when ``text`` is in its own words and the article carries what it says.

        Every finding must be content the evidence passage lacks and the
        article has (module notes, step 4). A name from elsewhere counts only
        when the passage names no one the statement leaves out: otherwise the
        name may stand in another's place ("Smith resigned" where the passage
        says "Jones resigned"). A negation the passage does not have, or a word
        whose opposite it uses ("fell" where it says "rose"), counts neither:
        it may turn round what the passage says.
        """
        if turning_words(text, near.text):
            return False
        stand_in = _names_someone_else(statement, near)
        for f in findings:
            if f.kind == "words":
                continue
            if f.where != _ELSEWHERE or (f.kind == "name" and stand_in):
                return False
        if self.vocabulary.copied_share(text) >= MAX_COPIED:
            return False
        absent = self.vocabulary.absent_words(text)
        if len(absent) > MAX_ABSENT or len(absent) >= MAX_ABSENT_SHARE * len(
            informative_words(text)
        ):
            return False
        # It must draw on more than one passage: a sentence whose one passage
        # has all it says but a word the article never uses ("died" where the
        # passage says "treated") changes that passage, it does not fuse two.
        if len(spans) > 1 or any(f.kind != "words" for f in findings):
            return True
        missing = {w for f in findings if f.kind == "words" for w in f.part.split(", ")}
        return bool(missing - set(absent))

    def _nearby(self, finding: Finding, spans: list[Window]) -> Window | None:
        """A sentence within ``NEARBY`` sentences of the evidence that holds the name."""
        starts = [s for s, _ in self.sentences]
        for span in spans:
            i = bisect_left(starts, span[0])
            for j in range(max(0, i - NEARBY), i):
                if self.sentences[j] in spans:
                    continue
                if self.index.facts(*self.sentences[j]).has_name(finding.part):
                    return self.sentences[j]
        return None

    def _setting(self, name: str) -> bool:
        """True when ``name`` is what the article is about.

        Named in the article's title; or else in the body's first paragraph
        (its lead or dateline) or in three or more of its sentences, and
        mentioned at least ``PROMINENT`` times as often as the article's most
        mentioned name: a lead names several, and an unnamed passage ("the
        company", "the city") speaks of the main one.
        """
        if self.title.has_name(name) or self.dateline.writes_name(name):
            return True
        if self._mentions(name) < PROMINENT * self._most_mentions:
            return False
        return self.lead.has_name(name) or self._mentions(name) >= 3

    def _mentions(self, name: str) -> int:
        """Body sentences holding the rarest informative word of ``name``."""
        words = informative_words(name)
        if not words:
            return 0
        return min(len(self.index.words.containing({w}, limit=MAX_ELSEWHERE)) for w in words)

    @cached_property
    def _most_mentions(self) -> int:
        return max((self._mentions(n) for n in set(self.article.names)), default=0)

    @property
    def people(self) -> People:
        """The persons the body names (``roles.People``)."""
        return people_of(self.index.words, self.index.words.texts)

    @cached_property
    def article(self) -> FactSet:
        """The facts of the whole body."""
        return self.facts(self.body)

    @cached_property
    def dateline(self) -> FactSet:
        """The place the body's dateline names ("TESSEL — ..."), as facts."""
        return FactSet(dateline_place(self.body) or "")

    @cached_property
    def lead(self) -> FactSet:
        """The facts of the body's first paragraph."""
        paragraphs = paragraph_spans(self.body)
        return self.index.facts(*paragraphs[0]) if paragraphs else FactSet("")

    def prepare(self) -> None:
        """Build now what every check reads, instead of at the first statement.

        The body's excluded text, casing and word index depend on the body
        alone, and every statement reads them. A caller that has the body long
        before the summary (an article waiting for its reduce call) builds them
        while it waits. What only some statements need (the persons, the
        own-words vocabulary, the most mentioned name, and the capitals a
        summary without any is given back) stays built on demand: built for
        every article it would cost more CPU than it moves.
        """
        for _ in self.preparation():
            pass

    def preparation(self) -> Iterator[None]:
        """:meth:`prepare` one part per step, for a caller that runs other work between
        them (see :func:`factcheck.loop_turns.in_turns`)."""
        # Each is cached on first read; reading it is building it.
        index = self.index
        _ = index.excluded
        yield None
        _ = index.sentences
        yield None
        _ = index.casing
        yield None
        _ = index.words
        yield None

    def check(self, text: str, start: int, end: int) -> SentenceCheck:
        """The verdict for ``text``, which sits at ``[start, end)`` in the checked text."""
        verdict, evidence = self.verdict(self.form(text))
        return SentenceCheck(
            text,
            start,
            end,
            verdict.status,
            verdict.problems,
            evidence,
            findings=verdict.findings,
            evidence_spans=verdict.spans,
        )

    def check_summary(self, summary: str) -> list[SentenceCheck]:
        """One SentenceCheck per sentence of ``summary`` (offsets into ``summary``)."""
        return list(self.checks(summary))

    def checks(self, summary: str) -> Iterator[SentenceCheck]:
        """:meth:`check_summary` a sentence at a time, each checked as it is asked for."""
        for start, end in sentences(summary):
            yield self.check(summary[start:end], start, end)


def _names_someone_else(statement: FactSet, near: FactSet) -> bool:
    """True when ``near`` names one that ``statement`` leaves out, who may stand in its place.

    A word for a nation's people ("Spanish", "Scots") stands in for no one.
    """
    return any(not statement.writes_name(n) and not is_demonym(n.lower()) for n in near.names)


# A name's last word, then a comma or bracket, then the figure: "Ingles, 69".
_APPOSITION = r"\b{owner}(?:['’]s)?\s*[,(]\s*{figure}\b"


def _name_before(text: str, figure: str) -> str | None:
    """The last word of the name right before ``figure`` in ``text`` ("Ingles, 69" -> "Ingles")."""
    found = re.search(rf"\b([A-Z][\w'’-]*)\s*[,(]\s*{re.escape(figure)}\b", text)
    return None if found is None else found.group(1)


def _apposition(owner: str, figure: str) -> re.Pattern[str]:
    return re.compile(_APPOSITION.format(owner=re.escape(owner), figure=re.escape(figure)), re.I)


# What joins the parts of one name the name finder reads as two ("Harlow & Finch").
_NAME_JOINT = re.compile(r"\s*(?:&|of|of the)\s*")


def _subjects(text: str, names: list[str]) -> int:
    """How many things ``names`` name in ``text``: parts joined by "&" or "of" are one."""
    spans = sorted((i, i + len(n)) for n in set(names) if (i := text.find(n)) >= 0)
    count = 0
    end = -1
    for start, stop in spans:
        if end < 0 or not _NAME_JOINT.fullmatch(text[end:start]):
            count += 1
        end = max(end, stop)
    return count


def _weighted_share(checker: SummaryChecker, words: set[str], found: set[str]) -> float:
    weights = checker.index.words
    # fsum: exact whatever the order of the set, so a share at a threshold does
    # not depend on the hash seed.
    total = math.fsum(weights.weight(w) for w in words)
    return math.fsum(weights.weight(w) for w in words & found) / total if total else 0.0


def _present(finding: Finding, statement: FactSet, body: FactSet) -> bool:
    """True when the fact behind ``finding`` appears somewhere in the body."""
    if finding.kind == "number":
        return any(body.has_quantity(q) for q in statement.quantities if q.text == finding.part)
    if finding.kind == "date":
        return any(body.has_date(d) for d in statement.dates if d.text == finding.part)
    return body.has_name(finding.part)


def check_summary(
    body: str, summary: str, *, threshold: float = DEFAULT_THRESHOLD, title: str | None = None
) -> list[SentenceCheck]:
    """One SentenceCheck per sentence of ``summary`` (offsets into ``summary``).

    ``title`` is the article's headline, read as ``verify_text`` reads it.
    """
    return SummaryChecker(body, threshold=threshold, title=title).check_summary(summary)
