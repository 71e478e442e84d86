"""The extractive summary: lead and centrality, redundancy, flawed sentences, order."""

from __future__ import annotations

from factcheck.offline.engine import OfflineEngine
from factcheck.offline.summary import select_summary
from factcheck.sentences import sentence_spans


def _summary_sentences(body: str, count: int = 3, title: str | None = None) -> list[str]:
    # These bodies are a few sentences long: the choice is tested without the
    # limit of a third of the body (tested on its own below).
    spans = select_summary(body, sentence_spans(body), count=count, title=title, share=1.0)
    return [body[s:e] for s, e in spans]


FLOOD = (
    "Heavy rain flooded the river town of Norby on Sunday, forcing 300 families from their homes. "
    "The flood reached the town hall and the old bridge by noon. "
    "My neighbour bakes excellent bread. "
    "Rescue teams moved the families from the flooded streets to a school. "
    "The river is expected to fall on Wednesday, and the town will reopen the bridge."
)


def test_lead_and_centrality_win_over_an_aside() -> None:
    chosen = _summary_sentences(FLOOD, count=2)
    assert chosen[0].startswith("Heavy rain flooded")
    assert "bread" not in " ".join(chosen)
    assert len(chosen) == 2


def test_reading_order_and_count() -> None:
    chosen = _summary_sentences(FLOOD, count=3)
    positions = [FLOOD.index(s) for s in chosen]
    assert positions == sorted(positions)
    assert len(chosen) == 3
    assert _summary_sentences(FLOOD, count=1) == [chosen[0]]


def test_redundant_sentence_is_skipped() -> None:
    body = (
        "The council of Vesta approved a new harbour budget on Monday. "
        "On Monday the council of Vesta approved a new harbour budget. "
        "The harbour will get two new cranes and a longer pier next year."
    )
    chosen = _summary_sentences(body, count=2)
    assert chosen == [
        "The council of Vesta approved a new harbour budget on Monday.",
        "The harbour will get two new cranes and a longer pier next year.",
    ]


def test_questions_fragments_and_bare_quotes_are_skipped() -> None:
    body = (
        "Is the harbour of Vesta ready for winter storms this year? "
        "Storms. "
        "“The harbour of Vesta has never looked better for winter storms.” "
        "The harbour of Vesta added a sea wall before the winter storms arrived."
    )
    assert _summary_sentences(body, count=2) == [
        "The harbour of Vesta added a sea wall before the winter storms arrived."
    ]


def test_a_question_is_used_when_nothing_else_exists() -> None:
    body = "Will the harbour of Vesta be ready for the winter storms this year?"
    assert _summary_sentences(body) == [body]


def test_repeated_headline_is_not_the_summary() -> None:
    title = "Vesta harbour gets a sea wall"
    body = f"{title}\nThe town of Vesta finished a sea wall around its harbour on Friday."
    assert _summary_sentences(body, count=3, title=title) == [
        "The town of Vesta finished a sea wall around its harbour on Friday."
    ]


def test_summary_is_verbatim_body_text() -> None:
    body = FLOOD + " " + FLOOD.replace("Norby", "Tessel").replace("300", "120")
    out = OfflineEngine(summary_sentences=2).extract_text(body)
    assert len(out.summary_spans) == 2
    assert out.summary == " ".join(body[s:e] for s, e in out.summary_spans)


def test_a_summary_takes_at_most_a_third_of_the_body() -> None:
    # Five sentences: three of them would be more than half the text.
    chosen = select_summary(FLOOD, sentence_spans(FLOOD), count=3)
    assert 1 <= len(chosen) < 3
    assert len(" ".join(FLOOD[s:e] for s, e in chosen)) * 3 <= len(FLOOD)
    assert FLOOD[slice(*chosen[0])].startswith("Heavy rain flooded")


def test_a_body_of_two_sentences_gets_its_best_one() -> None:
    body = (
        "The council of Vesta approved a new harbour budget of 5 million euros on Monday. "
        "My neighbour, who bakes bread, said the weather was fine for a walk."
    )
    chosen = select_summary(body, sentence_spans(body), count=3)
    assert [body[s:e] for s, e in chosen] == [
        "The council of Vesta approved a new harbour budget of 5 million euros on Monday."
    ]
