"""A newsroom's own summariser: the system this example project evaluates.

It is deliberately simple, extractive and deterministic: the summary is the
article's first two sentences, and every sentence that carries a figure is a
claim (given as plain text, without quotes: the eval suite finds the evidence
itself). Like many real systems it also adds background from a store of its
own, and one entry of that store is out of date: the ferry subsidy changed,
the note did not. The eval suite catches it, because it checks every figure
against the article instead of trusting the summariser.
"""

from __future__ import annotations

import re

# Background notes added when a headline mentions the keyword.
BACKGROUND = {
    "ferry": "The island ferry costs €2.5 million a year to subsidise.",
}

_SENTENCE_END = re.compile(r"(?<=[.!?\"])\s+(?=[A-Z\"])")
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]+ — ")


def _body_sentences(article: str) -> tuple[str, list[str]]:
    headline, _, body = article.strip().partition("\n")
    sentences: list[str] = []
    for paragraph in body.split("\n\n"):
        text = _DATELINE.sub("", " ".join(paragraph.split()))
        sentences += [s for s in _SENTENCE_END.split(text) if s]
    return headline, sentences


def summarise(article: str, case_id: str) -> dict[str, object]:
    """The summary and the claims for one article (``case_id`` is unused here)."""
    headline, sentences = _body_sentences(article)
    summary = " ".join(sentences[:2])
    for keyword, note in BACKGROUND.items():
        if keyword in headline.lower():
            summary += " " + note
    claims = [s for s in sentences if re.search(r"\d", s)]
    return {"summary": summary, "claims": claims}
