"""The one retry policy: attempts, backoff with jitter, a cap, and Retry-After."""

from digest.core.retry import RetryPolicy, retry_after_seconds


def test_waits_double_and_stay_in_the_upper_half_of_each_step() -> None:
    low = RetryPolicy(attempts=5, backoff=2.0, cap=100.0, jitter=lambda: 0.0)
    high = RetryPolicy(attempts=5, backoff=2.0, cap=100.0, jitter=lambda: 1.0)
    assert [low.delay(n) for n in range(4)] == [1.0, 2.0, 4.0, 8.0]
    assert [high.delay(n) for n in range(4)] == [2.0, 4.0, 8.0, 16.0]


def test_no_wait_is_longer_than_the_cap() -> None:
    policy = RetryPolicy(attempts=20, backoff=1.0, cap=10.0, jitter=lambda: 0.999)
    assert max(policy.delay(n) or 0 for n in range(19)) <= 10.0


def test_the_tries_run_out() -> None:
    policy = RetryPolicy(attempts=3, backoff=1.0)
    assert policy.delay(0) is not None
    assert policy.delay(1) is not None
    assert policy.delay(2) is None
    assert RetryPolicy(attempts=1).delay(0) is None


def test_retry_after_is_honoured_within_the_cap_and_gives_up_beyond_it() -> None:
    policy = RetryPolicy(attempts=3, backoff=1.0, cap=60.0)
    assert policy.delay(0, retry_after=42.0) == 42.0
    assert policy.delay(0, retry_after=61.0) is None
    assert policy.too_long(61.0) and not policy.too_long(60.0) and not policy.too_long(None)


def test_retry_after_reads_seconds_and_http_dates() -> None:
    assert retry_after_seconds("120", 0) == 120
    assert retry_after_seconds("Thu, 01 Jan 1970 00:01:40 GMT", 40) == 60
    assert retry_after_seconds("Thu, 01 Jan 1970 00:00:10 GMT", 40) == 0
    assert retry_after_seconds("soon", 0) is None
    assert retry_after_seconds(None, 0) is None
