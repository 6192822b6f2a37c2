"""bench/load.py, in miniature: gunicorn really started (2 workers) as deployed, with login
and the security headers on, 2 users clicking through the main journey until 50 callbacks
(a few seconds; 30 s is only a bound, so that a slow machine still goes through the whole
journey: every kind of click, every time) while 4 hostile uploads are posted at once.
Only behaviour is checked, never timing; memory against the benchmark's stated bound."""

from __future__ import annotations

import sys

import pytest

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform != "linux", reason="reads worker RSS from /proc"),
]


@pytest.fixture(scope="module")
def figures() -> dict:
    from bench import load

    return load.main(["--seconds", "30", "--callbacks", "50", "--users", "2",
                      "--workers", "2", "--threads", "2", "--hostile", "4", "--quiet"])  # fmt: skip


def test_login_was_on_and_every_answer_carried_the_headers(figures):
    # An answer without its Content-Security-Policy, or a 401, would be counted as an error.
    assert figures["login"] is True
    assert figures["errors"] == 0, figures["error_samples"]


def test_hostile_uploads_refused_with_a_message_within_the_memory_bound(figures):
    from bench import load

    uploads = figures["hostile"]
    assert len(uploads) == 4
    assert len({u["name"] for u in uploads}) == 4
    assert "far.xls" in {u["name"] for u in uploads}  # over 1 GB if read in the worker
    for u in uploads:
        assert u["status"] == 200 and not u["error"], u
        assert u["refused"], u  # the upload's error message, nothing stored
    peaks = figures["hostile_peak_kb"]
    assert len(peaks) == 2
    assert max(peaks.values()) / 1024 <= load.TARGETS["hostile_peak_mb"], peaks


def test_callbacks_answered_without_errors(figures):
    assert figures["callbacks"] > 0
    assert figures["errors"] == 0, (figures["error_samples"], figures["server_exceptions"])
    assert figures["server_exceptions"] == {}
    assert figures["worker_restarts"] == 0


def test_every_callback_response_was_gzipped(figures):
    assert figures["gzipped"] == 1.0
    assert 0 < figures["mean_wire_bytes"] < figures["mean_json_bytes"]


def test_rss_of_each_worker_reported(figures):
    for rss in (figures["rss_first"], figures["rss_last"]):
        assert 0 < rss["at"] <= figures["callbacks"]
        assert len(rss["workers"]) == 2
        assert all(kb and kb > 0 for kb in rss["workers"].values())
    assert figures["rss_ratio"] > 0
    assert set(figures["rss_ratio_per_worker"]) == set(figures["rss_first"]["workers"])
