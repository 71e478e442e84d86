"""The perturbation suite: faithful gold claims beside copies made false, per kind.

Runs ``bench/perturbations.py`` on the gold cases. The shares are computed
by the script from the check's statuses; here they must reach the catch
rates the check is held to. Two figures are not at their targets yet
(swapped names: 0.85, faithful supported: 0.90); for those the floors below
are the figures measured when the suite was written, so a change that makes
them worse fails.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "bench"
FRANK = ROOT.parent / "shared" / "data" / "frank-valid"
FLOORS = {
    "number": 0.95,
    "polarity": 0.80,
    "foreign": 0.98,
    "trivial_quote": 1.0,
    "name": 0.70,  # target 0.85
    "faithful": 0.80,  # target 0.90
}


def run(script: str, *args: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, str(BENCH / script), *args],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return report


@pytest.fixture(scope="module")
def gold() -> dict[str, Any]:
    if not BENCH.is_dir():
        pytest.skip("bench/ is not part of this checkout")
    report: dict[str, Any] = run("perturbations.py")["gold"]
    return report


@pytest.mark.parametrize("kind", sorted(FLOORS))
def test_each_kind_is_caught(gold: dict[str, Any], kind: str) -> None:
    assert gold[kind]["made"] >= 50, "too few perturbed claims to measure"
    assert gold[kind]["share"] >= FLOORS[kind], gold[kind]


def test_perturbations_change_the_claim() -> None:
    sys.path.insert(0, str(BENCH))
    try:
        import perturbations as p
    finally:
        sys.path.remove(str(BENCH))
    claim = "The council approved 40 new posts, Ruth Okafor said."
    assert p.changed_number(claim) == "The council approved 70 new posts, Ruth Okafor said."
    assert p.flipped(claim) == "The council rejected 40 new posts, Ruth Okafor said."
    assert p.flipped("The plan was costly.") == "The plan was not costly."
    assert p.flipped("Nothing here.") is None
    swapped = p.swapped_name(claim, ["Ruth Okafor", "Ivan Petrovic"])
    assert swapped == "The council approved 40 new posts, Ivan Petrovic said."
    assert p.proper_names("MILLBROOK — The mayor met Ana Ruiz. Riders cheered.") == ["Ana Ruiz"]


@pytest.mark.skipif(not FRANK.is_dir(), reason="../shared/data/frank-valid is absent")
def test_frank_script_reports_both_rules_beside_the_check() -> None:
    report = run("frank_verify.py", "--data", str(FRANK), "--limit", "40")
    assert report["summaries"] == 40
    for rule in ("verify", "number_rule", "word_rule"):
        figures = report[rule]["cnndm"]
        assert 0.0 <= figures["balanced_accuracy"] <= 1.0
        assert len(figures["halves"]) == 2
    assert report["median_ms"] > 0
    assert set(report["meets_targets"]) == {"cnndm", "bbc", "median_ms"}
