from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from factcheck.errors import (
    EXTERNAL_MISSING,
    ExternalArticleMissingError,
    GoldFileError,
    InputError,
)
from factcheck.evals import load_gold
from factcheck.evals.gold import (
    find_gold_files,
    gold_schema,
    resolve_article_path,
    validate_gold_data,
)
from factcheck.evals.thresholds import THRESHOLD_METRICS

WriteGold = Callable[..., Path]


def base(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "case",
        "description": "A small case for the loader tests.",
        "article": "article.txt",
        "claims": [
            {
                "text": "The council approved a ferry subsidy.",
                "key_facts": [{"kind": "term", "value": "subsidy"}],
            }
        ],
        "summary_key_points": [{"label": "subsidy", "terms": [["subsidy", "grant"]]}],
        "forbidden": ["Copyright"],
    }
    data.update(overrides)
    return data


def test_load_gold_reads_every_field(write_gold: WriteGold, tmp_path: Path) -> None:
    data = base(
        tags=["ferry"],
        thresholds={"claim_recall": 0.5, "forbidden_hits": 0},
        claims=[
            {
                "text": "The council approved a ferry subsidy of 2 million euros.",
                "key_facts": [
                    {"kind": "number", "value": 2000000, "variants": ["2 million"]},
                    {"kind": "term", "value": "subsidy"},
                ],
                "stance": "asserted",
                "note": "the amount is in the second paragraph",
            }
        ],
    )
    case = load_gold(write_gold(data))
    assert case.id == "case"
    assert case.article == (tmp_path / "article.txt").resolve()
    assert case.external_article is None
    assert case.tags == ("ferry",)
    assert case.thresholds == {"claim_recall": 0.5, "forbidden_hits": 0.0}
    fact = case.claims[0].key_facts[0]
    assert (fact.kind, fact.value, fact.label, fact.variants) == (
        "number",
        2000000.0,
        "2000000",
        ("2 million",),
    )
    assert case.claims[0].stance == "asserted"
    assert case.summary_key_points[0].terms == (("subsidy", "grant"),)
    assert case.read_article().startswith("Harbour council")
    assert case.to_dict() == data


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"claims": []}, "$.claims: [] should be non-empty"),
        ({"id": "Bad Id"}, "$.id: 'Bad Id' does not match"),
        ({"extra": 1}, "Additional properties are not allowed"),
        ({"thresholds": {"claims_matched": 1}}, "$.thresholds"),
        (
            {"claims": [{"text": "A claim with a bad fact.", "key_facts": [{"kind": "x"}]}]},
            "$.claims[0].key_facts[0]",
        ),
        (
            {
                "claims": [
                    {
                        "text": "A date given as a number.",
                        "key_facts": [{"kind": "date", "value": 2019}],
                    }
                ]
            },
            "$.claims[0].key_facts[0].value: 2019 is not of type 'string'",
        ),
        ({"external_article": "seed.txt"}, "is not valid under any of the given schemas"),
        ({"article": "/etc/passwd"}, "$.article"),
    ],
)
def test_schema_violations_are_reported_with_their_path(
    write_gold: WriteGold, change: dict[str, Any], message: str
) -> None:
    with pytest.raises(GoldFileError, match="does not match the gold schema") as info:
        load_gold(write_gold(base(**change)))
    assert message in str(info.value)


def test_errors_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such gold file"):
        load_gold(tmp_path / "missing.gold.json")
    broken = tmp_path / "broken.gold.json"
    broken.write_text("{", encoding="utf-8")
    with pytest.raises(GoldFileError, match=r"not valid JSON: .* \(line 1, column 2\)"):
        load_gold(broken)


@pytest.mark.parametrize(
    ("article", "message"),
    [
        ("../outside.txt", "may not contain '..'"),
        ("sub/../../outside.txt", "may not contain '..'"),
        ("C:/Windows/win.ini", "must be relative"),
        ("sub\\article.txt", "does not match '"),
        ("missing.txt", "article file not found"),
    ],
)
def test_article_paths_cannot_escape(write_gold: WriteGold, article: str, message: str) -> None:
    with pytest.raises(GoldFileError, match=message):
        load_gold(write_gold(base(article=article)))


def test_resolve_article_path_checks_separators(tmp_path: Path) -> None:
    with pytest.raises(GoldFileError, match="must use '/' separators"):
        resolve_article_path("sub\\article.txt", tmp_path / "case.gold.json")


def test_symlink_pointing_outside_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("secret", encoding="utf-8")
    cases = tmp_path / "cases"
    cases.mkdir()
    (cases / "article.txt").symlink_to(outside)
    gold = cases / "case.gold.json"
    gold.write_text(json.dumps(base()), encoding="utf-8")
    with pytest.raises(GoldFileError, match="resolves outside the gold file's directory"):
        load_gold(gold)


def test_symlink_inside_and_subdirectories_are_fine(tmp_path: Path) -> None:
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "real.txt").write_text("Headline\n\nBody.", encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(tmp_path / "texts" / "real.txt")
    for name in ("texts/real.txt", "link.txt"):
        gold = tmp_path / "case.gold.json"
        gold.write_text(json.dumps(base(article=name)), encoding="utf-8")
        assert load_gold(gold).read_article() == "Headline\n\nBody."


def test_id_must_match_the_file_name(tmp_path: Path) -> None:
    (tmp_path / "article.txt").write_text("x", encoding="utf-8")
    gold = tmp_path / "other.gold.json"
    gold.write_text(json.dumps(base()), encoding="utf-8")
    with pytest.raises(GoldFileError, match="id 'case' differs from the file name"):
        load_gold(gold)


def test_gold_claims_may_not_contain_forbidden_text(write_gold: WriteGold) -> None:
    data = base(forbidden=["FERRY"])
    with pytest.raises(GoldFileError, match="gold claim 0 contains forbidden text 'FERRY'"):
        load_gold(write_gold(data))


def test_repeated_gold_claims_are_refused(write_gold: WriteGold) -> None:
    one = base()["claims"][0]
    with pytest.raises(GoldFileError, match="gold claim 1 repeats an earlier claim"):
        load_gold(write_gold(base(claims=[one, {**one, "text": one["text"].upper()}])))


def external_gold(tmp_path: Path, name: str = "seed.txt") -> Path:
    cases = tmp_path / "repo" / "evals"
    cases.mkdir(parents=True)
    data = base(external_article=name)
    del data["article"]
    gold = cases / "case.gold.json"
    gold.write_text(json.dumps(data), encoding="utf-8")
    return gold


def test_external_article_is_looked_up_only_where_told(tmp_path: Path) -> None:
    case = load_gold(external_gold(tmp_path))
    shared = tmp_path / "shared"
    shared.mkdir()
    # Not present yet: a typed error whose message is the skip reason.
    with pytest.raises(ExternalArticleMissingError) as info:
        case.article_path([shared])
    assert str(info.value).startswith(f"{EXTERNAL_MISSING}: seed.txt (searched: ")
    # Present beside the gold file: still not found, that directory was not named.
    (case.path.parent / "seed.txt").write_text("local", encoding="utf-8")
    with pytest.raises(ExternalArticleMissingError, match="no directories given"):
        case.article_path()
    (shared / "seed.txt").write_text("shared text", encoding="utf-8")
    empty = tmp_path / "empty"
    empty.mkdir()
    assert case.read_article([empty, shared]) == "shared text"


def test_external_symlink_leading_elsewhere_is_refused(tmp_path: Path) -> None:
    case = load_gold(external_gold(tmp_path))
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("x", encoding="utf-8")
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "seed.txt").symlink_to(elsewhere)
    with pytest.raises(GoldFileError, match="is a link to"):
        case.article_path([shared])


@pytest.mark.parametrize("name", ["../seed.txt", "sub/seed.txt", "..", "a\\b"])
def test_external_article_must_be_a_bare_name(tmp_path: Path, name: str) -> None:
    with pytest.raises(GoldFileError):
        load_gold(external_gold(tmp_path, name))


def test_find_gold_files(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    for path in ("b/two.gold.json", "one.gold.json", "notes.json"):
        (tmp_path / path).write_text("{}", encoding="utf-8")
    assert [p.relative_to(tmp_path).as_posix() for p in find_gold_files(tmp_path)] == [
        "b/two.gold.json",
        "one.gold.json",
    ]


def test_schema_threshold_names_are_the_threshold_metrics() -> None:
    names = gold_schema()["properties"]["thresholds"]["propertyNames"]["enum"]
    assert sorted(names) == sorted(THRESHOLD_METRICS)
    assert validate_gold_data(base()) == []
