"""A short article written for these tests, with a trailer that contradicts it."""

from __future__ import annotations

import pytest

from factcheck import Article, load_article

# The body mentions 2009 and 2026; the trailer's author bio mentions 2019 and
# the copyright line 2024. Neither 2019 nor 2024 may ever support a claim.
HARBOUR_ARTICLE = """\
Harbour authority approves €40m expansion of Port Kelby

The Port Kelby harbour authority on Tuesday approved a €40m plan to deepen the main channel, \
the largest investment at the port since 2009.

Chairwoman Zoë Kovačević said the work would let ships carrying more than 12,000 containers \
dock for the first time. “We cannot stay a regional port forever,” she told reporters.

Some 1,200 people work at the port, and the authority expects to hire about 300 more by 2026. \
Critics, including the environmental group Blue Estuary, say dredging could harm the seagrass \
beds that shelter a dozen protected species.

Transport Minister Ivan Petrović’s office said last week that the government would cover \
40 per cent of the cost, or roughly €16m.

Copyright 2024 Kelby Courier. All rights reserved.

Mara Lindqvist is a reporter based in Kelby. She joined the Courier in 2019 and covers \
shipping, energy and the environment.
"""


@pytest.fixture
def harbour_text() -> str:
    return HARBOUR_ARTICLE


@pytest.fixture
def harbour() -> Article:
    return load_article(HARBOUR_ARTICLE)
