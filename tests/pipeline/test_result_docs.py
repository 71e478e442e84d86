"""What the Result docs promise about its fields holds for real results."""

from __future__ import annotations

from pathlib import Path

from factcheck import TrailerBlock, Usage, check

REPO = Path(__file__).resolve().parents[2]


def test_usage_is_a_usage_and_trailer_the_dicts_the_docs_name() -> None:
    result = check(
        "Council votes\n\nThe council voted 9 to 2 on Monday, the clerk said.\n\n"
        "© 2024 Example Media. All rights reserved.\n"
    )
    assert isinstance(result.usage, Usage)
    assert result.to_dict()["usage"] == result.usage.to_dict()
    assert set(result.usage.to_dict()) == set(Usage().to_dict())
    assert result.trailer, "the copyright line is trailer"
    assert all(
        set(block) == set(TrailerBlock("url", "", 0, 0).to_dict()) for block in result.trailer
    )


def test_the_documented_claim_fields_exist() -> None:
    result = check((REPO / "examples" / "article.txt").read_text("utf-8"))
    claim = next(c for c in result.claims if c.evidence is not None)
    assert claim.evidence is not None
    assert claim.evidence.original_start is not None and claim.evidence.original_end is not None
    assert not hasattr(claim, "original_span")  # it is a key of to_dict(), not an attribute
    assert claim.to_dict()["original_span"] == {
        "start": claim.evidence.original_start,
        "end": claim.evidence.original_end,
    }
    readme = (REPO / "README.md").read_text("utf-8")
    assert "Claim.original_span" not in readme
