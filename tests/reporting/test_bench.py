"""The benchmark's helpers (the benchmark itself runs with `make bench`, never in the test suite)."""

from reporting.management.commands.bench import percentile


def test_percentile_is_the_nearest_rank():
    values = [0.5, 0.1, 0.3, 0.2, 0.4]
    assert percentile(values, 0.5) == 0.3
    assert percentile(values, 0.99) == 0.5
    assert percentile(list(range(1, 101)), 0.99) == 99
    assert percentile([0.7], 0.5) == 0.7
    assert percentile([], 0.5) == 0.0
