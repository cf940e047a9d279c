from concepts.compare import DELETED, INSERTED, SAME, Segment, diff_lines, diff_text


def test_changed_runs_stay_whole():
    assert diff_text("Fachbereich I / Geschäftsbereich III", "Stabsstelle im Dezernat für Soziales") == [
        Segment(DELETED, "Fachbereich I / Geschäftsbereich III"),
        Segment(INSERTED, "Stabsstelle im Dezernat für Soziales"),
    ]


def test_unchanged_words_and_paragraphs_are_kept():
    assert diff_text("Stabsstelle im Dezernat 5\n\nNeu", "Stabsstelle im Dezernat 3\n\nNeu") == [
        Segment(SAME, "Stabsstelle im Dezernat "),
        Segment(DELETED, "5\n\n"),
        Segment(INSERTED, "3\n\n"),
        Segment(SAME, "Neu"),
    ]
    assert diff_text("gleich", "gleich") == [Segment(SAME, "gleich")]


def test_lists_differ_by_line():
    assert diff_lines(["Bildung", "Kultur"], ["Bildung", "Sport"]) == [
        Segment(SAME, "Bildung"),
        Segment(DELETED, "Kultur"),
        Segment(INSERTED, "Sport"),
    ]
