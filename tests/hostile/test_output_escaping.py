"""Text from articles, file names and servers shows as text: in Markdown, terminals and HTML."""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from factcheck import check
from factcheck.cli import main
from factcheck.display_text import for_terminal, strip_terminal_controls, visible_bidi
from factcheck.evals.report_html import report_html
from factcheck.evals.runner import Engine, EngineRun, SuiteRun, unloadable_case
from factcheck.grounding import verify_text
from factcheck.markdown import code_span, heading_anchor, inline

# A CommonMark renderer with raw HTML on, as many Markdown viewers have it.
RENDER = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).render

HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "![px](http://tracker.example/pixel.png)",
    "[click](javascript:alert(1))",
    "<http://autolink.example>",
    "a | b || c",
    "code `span` and ``double``",
    "*bold* _em_ ~~gone~~ $x$",
    "# not a heading",
    "- not a list",
    "1. not a list either",
    "> not a quote",
    "back\\slash \\* and &amp; entity",
    "[ref]: http://defined.example",
    "===",
]
# The elements our own Markdown produces; anything else in the rendering came from input.
OWN_TAGS = frozenset(
    "p table thead tbody tr th td code ul ol li h1 h2 h3 h4 strong em blockquote".split()
)


def live_markup(rendered: str) -> list[str]:
    """Tags in rendered HTML that our Markdown does not write itself (in-page links are ours)."""
    found = []
    for name, attrs in re.findall(r"<([A-Za-z][A-Za-z0-9]*)([^>]*)>", rendered):
        if name.lower() in OWN_TAGS and not attrs.strip():
            continue
        if name.lower() == "a" and re.fullmatch(r' href="#[^"<>]*"', attrs):
            continue
        found.append(f"<{name}{attrs}>")
    return found


def _text_of(rendered: str) -> str:
    """The visible text of rendered HTML: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", rendered)).strip()


@pytest.mark.parametrize("text", HOSTILE)
def test_inline_text_renders_as_itself_in_a_paragraph_a_list_and_a_table(text: str) -> None:
    assert _text_of(RENDER(inline(text))) == text
    list_item = RENDER(f"- {inline(text)}")
    assert list_item.startswith("<ul>\n<li>") and _text_of(list_item) == text
    table = RENDER(f"| a | b |\n|---|---|\n| {inline(text)} | x |")
    cells = re.findall(r"<td>(.*?)</td>", table)
    assert len(cells) == 2 and html.unescape(cells[0]) == text
    assert live_markup(RENDER(inline(text))) == []


@pytest.mark.parametrize("text", ["folder`name", "``", "`starts", "ends`", "a ``` b", "x|y"])
def test_a_code_span_holds_any_backticks(text: str) -> None:
    rendered = RENDER(f"Gold file: {code_span(text)}.")
    assert re.findall(r"<code>(.*?)</code>", rendered) == [html.escape(text, quote=False)]
    in_table = RENDER(f"| a |\n|---|\n| {code_span(text, in_table=True)} |")
    assert re.findall(r"<code>(.*?)</code>", in_table) == [html.escape(text, quote=False)]


def test_heading_anchors_follow_the_rendered_heading_text() -> None:
    assert heading_anchor("Case_1 (draft)") == "case_1-draft"
    assert heading_anchor("a<b>") == "ab"


ARTICLE = (
    "Harbour report &lt;img src=x onerror=alert(1)&gt; ![px](http://tracker.example/p.png)\n\n"
    "The harbour board said 14 ships &lt;img src=y onerror=alert(2)&gt; docked on Monday. "
    "Officials said [click here](javascript:alert(3)) that 2,300 containers were unloaded. "
    "The port employs 410 people, a spokesperson said.\n"
)


def test_a_result_in_markdown_has_no_live_markup() -> None:
    result = check(ARTICLE)
    assert result.title is not None and "<img" in result.title  # ingest decoded the entity
    assert any("<img" in claim.text for claim in result.claims)
    rendered = RENDER(result.to_markdown())
    assert live_markup(rendered) == []
    visible = _text_of(rendered)
    assert "<img src=x onerror=alert(1)>" in visible
    assert "![px](http://tracker.example/p.png)" in visible


def test_the_markdown_evidence_column_shows_the_quote() -> None:
    result = check(ARTICLE)
    claim = next(c for c in result.claims if c.evidence is not None)
    assert claim.evidence is not None
    row = next(line for line in result.to_markdown().splitlines() if line.startswith("| 1 |"))
    cells = [c.strip() for c in re.split(r"(?<!\\)\|", row)[1:-1]]
    assert f"({claim.evidence.start}–{claim.evidence.end})" in cells[3]
    assert _text_of(RENDER(cells[3])).startswith("“" + claim.evidence.text[:40])


def test_verify_markdown_has_no_live_markup() -> None:
    report = verify_text(ARTICLE, ["The board saw <img src=z onerror=alert(4)> 14 ships."])
    rendered = RENDER(report.to_markdown())
    assert live_markup(rendered) == []
    assert "<img src=z onerror=alert(4)>" in _text_of(rendered)


def _broken_gold(root: Path, name: str) -> Path:
    folder = root / "cases" / name
    folder.mkdir(parents=True)
    gold = folder / f"{name}.gold.json"
    gold.write_text("{ not json <img src=q onerror=alert(5)>", encoding="utf-8")
    return gold


def test_the_eval_markdown_report_escapes_case_ids_paths_and_reasons(tmp_path: Path) -> None:
    name = "x`y <img src=q onerror=alert(6)> [l](javascript:z)"
    _broken_gold(tmp_path, name)
    reports = tmp_path / "reports"
    code = main(["eval", str(tmp_path / "cases"), "--report-dir", str(reports)], io.StringIO())
    assert code == 1
    rendered = RENDER((reports / "report.md").read_text("utf-8"))
    assert live_markup(rendered) == []
    codes = [html.unescape(c) for c in re.findall(r"<code>(.*?)</code>", rendered)]
    assert any(c.endswith(f"{name}.gold.json") for c in codes), codes
    assert f"<h2>{html.escape(name, quote=False)}</h2>" in rendered


def test_escape_sequences_in_names_and_reasons_never_reach_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = "evil\x1b]0;owned\x07\x1b[2J\x9b31m"
    _broken_gold(tmp_path, name)
    out = io.StringIO()
    assert main(["eval", str(tmp_path / "cases")], out) == 1
    said = out.getvalue() + capsys.readouterr().err
    assert "evil" in said
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", said)
    assert main(["run", str(tmp_path / f"no-such-{name}.txt")], io.StringIO()) == 2
    err = capsys.readouterr().err
    assert "no-such-evil" in err and "\x1b" not in err and "\x9b" not in err


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain\ttext\nnext", "plain\ttext\nnext"),
        ("red \x1b[31mRED\x1b[0m", "red RED"),
        ("title \x1b]0;pwned\x07 done", "title  done"),
        ("osc8 \x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", "osc8 link"),
        ("c1 csi \x9b2J end", "c1 csi  end"),
        ("bell\x07 back\x08 cr\r del\x7f", "bell back cr del"),
        ("dcs \x1bPq#0;2;0;0;0\x1b\\ end", "dcs  end"),
        ("lone esc \x1b", "lone esc "),
    ],
)
def test_terminal_controls_are_stripped(text: str, expected: str) -> None:
    assert strip_terminal_controls(text) == expected


def test_bidi_controls_are_shown_by_code_point() -> None:
    spoof = "invoice\u202efdp.exe"
    assert visible_bidi(spoof) == "invoice[U+202E]fdp.exe"
    assert for_terminal("a\u2066b\u2069") == "a[U+2066]b[U+2069]"


def test_bidi_overrides_are_visible_in_the_html_report(tmp_path: Path) -> None:
    gold = _broken_gold(tmp_path, "case\u202eevil")
    case = unloadable_case(gold, ValueError("reason with \u202dhidden\u202c order"), Engine())
    page = report_html(SuiteRun(Engine(), None, [case]))
    assert not re.search("[\u202a-\u202e\u2066-\u2069]", page)
    assert "case[U+202E]evil" in page
    assert "[U+202D]hidden[U+202C]" in page
    assert isinstance(case.primary, EngineRun)


def test_failed_batch_ids_are_printed_without_escape_sequences(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in"
    source.mkdir()
    (source / "evil\x1b]0;owned\x07.txt").write_text("   \n", encoding="utf-8")  # empty: fails
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(source), "--out", str(out)], io.StringIO()) == 1
    err = capsys.readouterr().err
    assert "failed: evil" in err
    assert "\x1b" not in err and "\x07" not in err
