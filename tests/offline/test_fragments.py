"""No fragments: every claim has its own subject or borrows one (invented text)."""

from __future__ import annotations

from collections.abc import Callable

from factcheck.offline.clauses import split_clauses, stands_alone
from factcheck.offline.engine import OfflineOutput
from factcheck.offline.entities import PersonRegistry, find_mentions

Extract = Callable[[str], OfflineOutput]


def test_a_participle_after_a_dash_is_no_clause(extract: Extract) -> None:
    body = (
        "Nearly one in five retired teachers in Tessel live on less than 9,500 euros a year "
        "– the level identified by the Norby Trust as the minimum for a decent life."
    )
    assert not stands_alone(body, body.index("the level"), len(body))
    out = extract(body)
    assert not any(t.startswith("The level identified") for t in [c.text for c in out.claims])
    assert any("9,500 euros" in t for t in [c.text for c in out.claims])


def test_no_cut_after_a_bare_speaker(extract: Extract) -> None:
    body = "A port spokesman said; ‘Ilse wanted to come but her ship docks at 6pm on Friday.’"
    pieces = split_clauses(body, 0, len(body))
    assert body[pieces[0].start : pieces[0].end] != "A port spokesman said"
    assert "A port spokesman said." not in [c.text for c in extract(body).claims]


def test_a_clause_cut_from_its_subject_is_left_out(extract: Extract) -> None:
    body = (
        "The harbour of Vesta was rebuilt after the 2019 storm, and then came the town's "
        "real test in 2021 when 40 ships docked in a day."
    )
    out = extract(body)
    assert not any(t.startswith("Came") or "Vesta came" in t for t in [c.text for c in out.claims])
    assert any(
        t.startswith("The harbour of Vesta was rebuilt") for t in [c.text for c in out.claims]
    )


def test_a_caption_run_into_a_sentence_gives_no_name() -> None:
    # "Menorca While Pat": the name after a sentence opener is not glued to what precedes it.
    text = "Ana Ruiz swam off a beach in Menorca While Pat Ollivier teams them with stilettos."
    names = [m.name for m in find_mentions(text, 0, len(text), PersonRegistry())]
    assert "Pat Ollivier" in names
    assert not any("While" in name for name in names)


def test_a_long_sentence_is_cut_at_when_and_a_spaced_hyphen() -> None:
    body = (
        "Ivo Brandt had been working as deputy under Ana Ruiz when the board announced in "
        "February that 40 jobs would go - the harbour lost 2 million euros in 2023."
    )
    pieces = [body[p.start : p.end] for p in split_clauses(body, 0, len(body))]
    assert pieces == [
        "Ivo Brandt had been working as deputy under Ana Ruiz",
        "the board announced in February that 40 jobs would go",
        "the harbour lost 2 million euros in 2023.",
    ]


def test_when_in_a_time_expression_is_no_cut() -> None:
    body = "The harbour closed on the day when the storm hit the town of Vesta in 2019."
    pieces = split_clauses(body, 0, len(body))
    assert len(pieces) == 1


def test_a_run_on_clause_over_60_words_is_no_claim(extract: Extract) -> None:
    caption = " ".join(f"Vesta harbour view {i} shows boats" for i in range(12))
    body = f"{caption} and the council said 40 ships docked in 2023. The port opened in 1990."
    out = extract(body)
    assert [c.text for c in out.claims] == ["The port opened in 1990."]
    assert any("longer than 60 words" in note for note in out.notes)
