"""The benchmark's helpers (the benchmark itself runs with `make bench`, never in the test suite)."""

from reporting.bench.measure import percentile


def test_percentile_is_the_nearest_rank():
    values = [0.5, 0.1, 0.3, 0.2, 0.4]
    assert percentile(values, 0.5) == 0.3
    assert percentile(values, 0.99) == 0.5
    assert percentile(list(range(1, 101)), 0.99) == 99
    assert percentile([0.7], 0.5) == 0.7
    assert percentile([], 0.5) == 0.0


def test_redis_url_keeps_the_database_number(monkeypatch):
    from reporting.management.commands import bench

    monkeypatch.setattr("socket.create_connection", lambda *args, **kwargs: _Closing())
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/5")
    assert bench.redis_url() == "redis://127.0.0.1:6379/5"
    monkeypatch.delenv("REDIS_URL")
    assert bench.redis_url() == "redis://127.0.0.1:6379/0"


def test_load_note_warns_on_a_busy_machine(monkeypatch):
    from reporting.bench import measure

    monkeypatch.setattr("os.cpu_count", lambda: 2)
    quiet = measure.load_note((0.2, 0.3, 0.4), (1.5, 0.9, 0.5))
    assert "vor dem Lauf 0.20/0.30/0.40" in quiet and "Warnung" not in quiet
    assert "Warnung" in measure.load_note((1.4, 0.8, 0.5), (2.0, 1.5, 1.0))


def test_timed_gives_the_cold_call_and_the_median_of_the_warm_ones():
    from reporting.bench.measure import timed

    calls = []
    cold, warm, result = timed(lambda: calls.append(1) or len(calls), 4)
    assert len(calls) == 5 and result == 5
    assert cold >= 0 and warm >= 0


class _Closing:
    def __enter__(self):
        return self

    def __exit__(self, *args):
        return False
