"""Retry-After parsing and the wait between tries."""

from __future__ import annotations

import email.utils

import pytest

from factcheck.llm import RetryPolicy
from factcheck.llm._retrying import is_retryable_status, parse_retry_after


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"Retry-After": "3"}, 3.0),
        ({"retry-after": "0.5"}, 0.5),
        ({"retry-after-ms": "250"}, 0.25),
        # The millisecond header is more precise and wins.
        ({"retry-after": "2", "retry-after-ms": "1500"}, 1.5),
        ({"retry-after": "-4"}, None),
        ({"retry-after": "soon"}, None),
        ({"retry-after-ms": "nan", "retry-after": "7"}, 7.0),
        ({}, None),
    ],
)
def test_parse_retry_after(headers: dict[str, str], expected: float | None) -> None:
    assert parse_retry_after(headers) == expected


def test_parse_retry_after_http_date() -> None:
    now = 1_700_000_000.0
    date = email.utils.formatdate(now + 30, usegmt=True)
    assert parse_retry_after({"Retry-After": date}, now=now) == 30.0
    past = email.utils.formatdate(now - 30, usegmt=True)
    assert parse_retry_after({"Retry-After": past}, now=now) == 0.0


def test_retry_after_is_honoured_up_to_the_cap() -> None:
    policy = RetryPolicy(retry_after_cap=10.0)
    assert policy.wait_seconds(1, 4.0) == 4.0
    assert policy.wait_seconds(3, 4.0) == 4.0
    assert policy.wait_seconds(1, 90.0) == 10.0


def test_backoff_doubles_with_bounded_jitter_and_a_ceiling() -> None:
    policy = RetryPolicy(initial_wait=1.0, max_wait=5.0, jitter=0.25)
    for _ in range(50):
        assert 1.0 <= policy.wait_seconds(1, None) <= 1.25
        assert 2.0 <= policy.wait_seconds(2, None) <= 2.25
        assert 4.0 <= policy.wait_seconds(3, None) <= 4.25
        assert policy.wait_seconds(4, None) == 5.0
        assert policy.wait_seconds(500, None) == 5.0


@pytest.mark.parametrize(
    ("status", "retryable"),
    [
        (408, True),
        (409, True),
        (429, True),
        (500, True),
        (502, True),
        (503, True),
        (400, False),
        (401, False),
        (403, False),
        (404, False),
        (422, False),
    ],
)
def test_which_statuses_are_retried(status: int, retryable: bool) -> None:
    assert is_retryable_status(status) is retryable
