"""Grounding: find quotes in the article body and check facts against it.

Everything here looks only at the body it is given, never at the trailer.
The public API is :func:`verify_text` and its :class:`VerifyReport`; the
modules below are the implementation the pipeline, the offline engine and
the eval harness share (``support.assess`` is the one check of them all).
"""

from factcheck.grounding.verify import VerifyReport, verify_text

__all__ = ["VerifyReport", "verify_text"]
