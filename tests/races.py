"""Double clicks without threads: the faster click's row is committed between the slower click's check and its
insert, which is the moment a unique constraint decides the race on a real database."""

from contextlib import contextmanager


def faster_click(monkeypatch, services, insert_duplicate):
    """The next insert guarded by `services.duplicate_raises` is preceded by `insert_duplicate()` (outside the
    insert's savepoint, as a simultaneous request's row would be). Returns the list that receives the faster
    click's row. In a test that row shares the slower click's transaction, so it is rolled back with the refused
    request: assert on the response, not on the rows left afterwards."""
    guard = services.duplicate_raises
    pending = [insert_duplicate]
    inserted = []

    @contextmanager
    def raced(error):
        if pending:
            inserted.append(pending.pop()())
        with guard(error):
            yield

    monkeypatch.setattr(services, "duplicate_raises", raced)
    return inserted
