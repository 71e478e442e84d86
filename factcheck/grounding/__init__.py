"""Grounding: find quotes in the article body and check facts against it.

Everything here looks only at the body it is given, never at the trailer.
"""

from factcheck.grounding.claims import ground_claim, ground_claims
from factcheck.grounding.compare import FactProblem, FactSet, compare_claim, missing_facts
from factcheck.grounding.locate import DEFAULT_THRESHOLD, BodyIndex, locate_quote
from factcheck.grounding.normalize import NormalizedText, normalise
from factcheck.grounding.summary import SummaryChecker, check_summary
from factcheck.grounding.support import Verdict, assess
from factcheck.grounding.verify import VerifyReport, verify_text

__all__ = [
    "DEFAULT_THRESHOLD",
    "BodyIndex",
    "FactProblem",
    "FactSet",
    "NormalizedText",
    "SummaryChecker",
    "Verdict",
    "VerifyReport",
    "assess",
    "check_summary",
    "compare_claim",
    "ground_claim",
    "ground_claims",
    "locate_quote",
    "missing_facts",
    "normalise",
    "verify_text",
]
