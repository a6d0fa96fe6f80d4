"""The slow-link benchmark's core, run at a tiny size over a fast line, so the benchmark keeps working."""

from __future__ import annotations

import pytest

from benchmarks.bench_slow_link import run_day_sync, slow_link


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_a_tiny_day_crosses_the_simulated_line_and_converges(backend, tmp_path):
    day = run_day_sync(backend, tmp_path, records=3, photos=1, link=slow_link(kbit=50_000, rtt_ms=2))

    report = day.report
    assert report.finished and report.error is None, report.summary()
    assert (report.pushed, report.uploaded, report.still_pending, report.uploads_pending) == (3, 1, 0, 0)
    assert day.traffic.up > day.photo_bytes > 0  # the photo went through the proxy, and was counted
    assert day.traffic.down > 0
    assert day.traffic.requests >= 4  # push, pull, and the upload's HEAD and PUT
    assert day.bandwidth_seconds > 0 and day.round_trip_seconds > 0
    assert day.loopback_elapsed is not None
