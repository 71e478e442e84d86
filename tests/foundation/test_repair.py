"""Text repair at ingest: mojibake, glued sentence ends, lone surrogates, and offsets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck import check, load_article
from factcheck.cleaning import _EDITS, _edits, clean_text, repair_text


def _maps_back(original: str, text: str, needle: str) -> str:
    _, offsets = clean_text(original)
    start = text.index(needle)
    o_start, o_end = offsets.span_to_original(start, start + len(needle))
    return original[o_start:o_end]


@pytest.mark.parametrize(
    ("broken", "fixed"),
    [
        ("It cost Â£446million to build.", "It cost £446million to build."),
        ("The club didnâ€™t say.", "The club didn’t say."),
        ("He said â€œnoâ€\x9d twice.", "He said “no” twice."),
        ("A cafÃ© opened.", "A café opened."),
        ("It rose Ã¼ber alles.", "It rose über alles."),
    ],
)
def test_mojibake_is_repaired(broken: str, fixed: str) -> None:
    text, _, repairs = repair_text(broken)
    assert text == fixed
    assert repairs.mojibake >= 1
    assert any("mojibake" in line for line in repairs.describe())


@pytest.mark.parametrize(
    "clean",
    ["Prices in £ and € rose.", "“Quoted” and ‘single’ — dashes – too…", "Café, naïve, Ørsted."],
)
def test_correct_text_with_the_same_characters_is_left_alone(clean: str) -> None:
    text, _, repairs = repair_text(clean)
    assert text == clean
    assert repairs.mojibake == 0


def test_a_repaired_span_maps_back_to_the_broken_text() -> None:
    original = "Profits rose to Â£25.98m last year."
    text, _ = clean_text(original)
    assert _maps_back(original, text, "£25.98m") == "Â£25.98m"
    assert _maps_back(original, text, "last year") == "last year"


@pytest.mark.parametrize(
    ("glued", "fixed"),
    [
        ("They lost last season.Scotland won.", "They lost last season. Scotland won."),
        ("Is it over?Nobody knows.", "Is it over? Nobody knows."),
        ('"It is cheap," he said.During training', '"It is cheap," he said. During training'),
        ('He said it was "unfair."Then he left.', 'He said it was "unfair." Then he left.'),
        ('He had it all.It was "fine."', 'He had it all. It was "fine."'),
        ('it was wrong."Life was cheap," he said.', 'it was wrong. "Life was cheap," he said.'),
        ("by the Survey (BGS).It will now", "by the Survey (BGS). It will now"),
        ("while France has 310.The report warns", "while France has 310. The report warns"),
        ('He called it "reckless".The vote is on', 'He called it "reckless". The vote is on'),
        # A glued quote after an opening one closes, whatever came before it.
        ('He said: "It was hard."Officials agreed.', 'He said: "It was hard." Officials agreed.'),
        (
            'The 6" screen sold out. He said: "It works."Sales rose.',
            'The 6" screen sold out. He said: "It works." Sales rose.',
        ),
        # After a closing one, or none, it opens the next sentence.
        (
            'She said "no" twice."We will return," she said.',
            'She said "no" twice. "We will return," she said.',
        ),
        (
            'It ended in 2019."We will return," she said.',
            'It ended in 2019. "We will return," she said.',
        ),
    ],
)
def test_glued_sentence_ends_get_a_space(glued: str, fixed: str) -> None:
    text, offsets, repairs = repair_text(glued)
    assert text == fixed
    assert repairs.glued == 1
    # Every character of the given text is still reachable.
    assert offsets.original_length == len(glued)
    assert offsets.clean_length == len(fixed)


@pytest.mark.parametrize(
    "kept",
    [
        "Visit www.bbc.co.uk/News today.",
        "Mail me at press@news.Example.com now.",
        "See https://example.com/Index.Html for it.",
        "He moved to the U.S.A. in 2001.",
        "It cost 3.5 million.",
        "Version 2.0 and 10.5m people, at 6 p.m. On Friday",
        "The e.g.The case",
        "Wait...Then it came.",
    ],
)
def test_full_stops_that_end_no_sentence_are_left_alone(kept: str) -> None:
    text, _, repairs = repair_text(kept)
    assert text == kept
    assert repairs.glued == 0


def test_glued_spans_map_back_to_the_text_as_given() -> None:
    original = "Kilmarnock lost last season.Scotland won 3-0."
    text, _ = clean_text(original)
    assert _maps_back(original, text, "Scotland won 3-0.") == "Scotland won 3-0."
    assert _maps_back(original, text, "last season. Scotland") == "last season.Scotland"


def test_a_lone_surrogate_is_replaced_with_a_warning_and_the_result_encodes() -> None:
    raw = (
        "Council backs bridge\n\nThe council approved a bridge costing 12 million\udce9 on Monday."
    )
    article = load_article(raw)
    assert "\ufffd" in article.body
    assert any("surrogate" in note for note in article.notes)
    result = check(raw)
    encoded = result.to_json().encode("utf-8")  # raises if a surrogate survived
    assert any("surrogate" in warning for warning in json.loads(encoded)["warnings"])


def test_an_unclosed_comment_is_left_as_text() -> None:
    text, _ = clean_text("<!-- a <!-- b <!-- c -->d")
    assert text == "<!-- a <!-- b d"


def test_a_batch_line_with_a_lone_surrogate_gets_its_result(tmp_path: Path) -> None:
    from factcheck.batch.results_file import read_results
    from factcheck.batch.runner import run_batch

    source = tmp_path / "in.jsonl"
    good = "The council approved a bridge costing 12 million euros on Monday."
    lines = [
        json.dumps({"id": "bad", "text": "The council met on Monday \\udce9 and voted 12 to 3."}),
        json.dumps({"id": "good", "text": good}),
    ]
    # json.dumps escapes the backslash; undo it so the file holds a \udce9 escape.
    source.write_text("\n".join(lines).replace("\\\\udce9", "\\udce9") + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    run_batch(source, out)
    results = read_results(out)
    assert set(results) == {"bad", "good"}
    assert all(record["ok"] for record in results.values())


_EDGY = "aZqA.!?\"'”’“‘)]3 \r\n<>&#;x-/\ufeff\ud800Â£€™!-"


@given(st.text(alphabet=_EDGY, max_size=60))
def test_edits_are_found_where_a_scan_of_every_character_finds_them(text: str) -> None:
    # Skipping ahead to characters an edit can begin with finds the same edits.
    expected = [(m.start(), m.end(), m.lastgroup) for m in _EDITS.finditer(text)]
    assert [(m.start(), m.end(), m.lastgroup) for m in _edits(text)] == expected


def test_every_kind_of_edit_is_found_after_a_skip() -> None:
    text = 'Line\r\n\ufeffa <!-- c --> <b>x</b> &amp; Â£5 said.The end and "poor".The'
    kinds = [m.lastgroup for m in _edits(text)]
    assert kinds == [
        "newline",
        "bom",
        "comment",
        "tag",
        "tag",
        "entity",
        "mojibake",
        "glued",
        "glued",
    ]
