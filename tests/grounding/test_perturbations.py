"""The perturbation suite: faithful gold claims beside copies made false, per kind.

Runs ``bench/perturbations.py`` on the gold cases, in this process. The
shares are computed by the script from the check's statuses; here they must
reach the catch rates the check is held to: the floors are the figures last
measured (rounded down), so a change that makes any of them worse fails. Two
are not at their targets yet (swapped names: 0.85, faithful supported: 0.90).
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "bench"
FRANK = ROOT.parent / "shared" / "data" / "frank-valid"
FLOORS = {
    "number": 1.0,
    "polarity": 0.92,
    "foreign": 1.0,
    "trivial_quote": 1.0,
    "name": 0.77,  # target 0.85
    "faithful": 0.93,  # target 0.90
}


def bench_module(name: str) -> ModuleType:
    path = BENCH / f"{name}.py"
    if not path.is_file():
        pytest.skip("bench/ is not part of this checkout")
    spec = importlib.util.spec_from_file_location(f"bench_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def perturbations() -> ModuleType:
    return bench_module("perturbations")


@pytest.fixture(scope="module")
def gold(perturbations: ModuleType) -> dict[str, Any]:
    figures: dict[str, Any] = perturbations.run(list(perturbations.gold_cases()))
    return figures


@pytest.mark.parametrize("kind", sorted(FLOORS))
def test_each_kind_is_caught(gold: dict[str, Any], kind: str) -> None:
    assert gold[kind]["made"] >= 50, "too few perturbed claims to measure"
    assert gold[kind]["share"] >= FLOORS[kind], gold[kind]


def test_perturbations_change_the_claim(perturbations: ModuleType) -> None:
    p = perturbations
    claim = "The council approved 40 new posts, Ruth Okafor said."
    assert p.changed_number(claim) == "The council approved 70 new posts, Ruth Okafor said."
    assert p.flipped(claim) == "The council rejected 40 new posts, Ruth Okafor said."
    assert p.flipped("The plan was costly.") == "The plan was not costly."
    assert p.flipped("Nothing here.") is None
    body = "Ruth Okafor and Ivan Petrovic sit on the council. Hiring starts in May."
    swapped = p.swapped_name(claim, ["Ruth Okafor", "Ivan Petrovic"], body)
    assert swapped == "The council approved 40 new posts, Ivan Petrovic said."
    # The claim's names are read as the check reads them: "Hiring" opens a
    # sentence and the article writes it in lower case, so it is no name to swap.
    hiring = "Hiring for the new posts will begin in May, Ruth Okafor said."
    body += " Hiring is slow; hiring takes months."
    assert p.swapped_name(hiring, ["Ivan Petrovic"], body) == (
        "Hiring for the new posts will begin in May, Ivan Petrovic said."
    )
    assert p.proper_names("MILLBROOK — The mayor met Ana Ruiz. Riders cheered.") == ["Ana Ruiz"]


@pytest.mark.skipif(not FRANK.is_dir(), reason="../shared/data/frank-valid is absent")
def test_frank_script_reports_both_rules_beside_the_check(
    capsys: pytest.CaptureFixture[str],
) -> None:
    frank = bench_module("frank_verify")
    assert frank.main(["--data", str(FRANK), "--limit", "40"]) == 0
    report = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert report["summaries"] == 40
    for rule in ("verify", "number_rule", "word_rule"):
        figures = report[rule]["cnndm"]
        assert 0.0 <= figures["balanced_accuracy"] <= 1.0
        assert len(figures["halves"]) == 2
    assert report["median_ms"] > 0
    assert set(report["meets_targets"]) == {"cnndm", "bbc", "median_ms"}


def test_balanced_accuracy_by_hand(capsys: pytest.CaptureFixture[str]) -> None:
    frank = bench_module("frank_verify")
    # 2 of 4 unfaithful flagged (recall 0.5), 1 of 2 faithful flagged (0.5 kept).
    flags = [True, True, False, False, True, False]
    labels = [True, True, True, True, False, False]
    assert frank.balanced_accuracy(flags, labels) == pytest.approx(0.5)
    assert frank.precision(flags, labels) == pytest.approx(2 / 3)
    assert frank.balanced_accuracy([True] * 6, labels) == pytest.approx(0.5)
    assert frank.word_rule("The cat sat.", "the dog sat .")
    assert not frank.word_rule("The cat sat.", "the cat sat .")
    assert frank.number_rule("Two cats.", "3 cats .")
    assert not frank.number_rule("Two cats.", "2 cats .")
