"""The sync CPU benchmark's measurements, run at a tiny size, so the benchmark keeps working."""

from __future__ import annotations

import pytest

from benchmarks import bench_sync_cpu


@pytest.mark.parametrize("kind", ["device pull", "device pull-back"])
def test_a_device_stores_every_pulled_record_and_the_figures_are_counted(kind):
    figures = bench_sync_cpu._measure_one(kind, 5)
    assert figures["cpu_ms"] > 0 and figures["rate"] > 0 and figures["floor_rate"] > 0


@pytest.mark.postgres
def test_the_server_applies_every_pushed_record_in_its_own_process():
    figures = bench_sync_cpu._run(bench_sync_cpu.ROOT, "server push", 5)
    assert set(figures) == {"cpu_ms", "rate", "database_ms", "floor_rate"}
    assert figures["cpu_ms"] > 0 and figures["floor_rate"] > 0
