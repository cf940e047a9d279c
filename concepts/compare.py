"""Section-by-section comparison of two concept versions with difflib, as segments a template can mark up."""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kiz.choices import FocusTheme

SAME, INSERTED, DELETED = "same", "ins", "del"
_TOKENS = re.compile(r"^\s+|\S+\s*")  # words with their trailing space, so changed runs stay whole


@dataclass
class Segment:
    kind: str  # same, ins, del
    text: str


@dataclass
class SectionDiff:
    title: str
    segments: list[Segment]
    by_line: bool = False

    @property
    def changed(self) -> bool:
        return any(s.kind != SAME for s in self.segments)


def diff_text(old: str, new: str) -> list[Segment]:
    """Word-level differences; whitespace is kept so paragraphs stay readable."""
    a, b = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    segments: list[Segment] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            _append(segments, SAME, "".join(a[i1:i2]))
            continue
        if op in ("delete", "replace"):
            _append(segments, DELETED, "".join(a[i1:i2]))
        if op in ("insert", "replace"):
            _append(segments, INSERTED, "".join(b[j1:j2]))
    return segments


def diff_lines(old: list[str], new: list[str]) -> list[Segment]:
    """Differences of lists (ticked fields, work plan lines), one segment per line."""
    segments = []
    for op, i1, i2, j1, j2 in SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if op == "equal":
            segments += [Segment(SAME, line) for line in old[i1:i2]]
            continue
        if op in ("delete", "replace"):
            segments += [Segment(DELETED, line) for line in old[i1:i2]]
        if op in ("insert", "replace"):
            segments += [Segment(INSERTED, line) for line in new[j1:j2]]
    return segments


def _append(segments, kind, text):
    if not text:
        return
    if segments and segments[-1].kind == kind:
        segments[-1].text += text
    else:
        segments.append(Segment(kind, text))


def _work_plan_lines(concept, theme) -> list[str]:
    return [
        f"{item.goal} – {item.measures} – {item.responsible_unit} – {date_format(item.target_date, 'd.m.Y')}"
        for item in concept.work_plan.all()
        if item.theme == theme
    ]


def compare_versions(old, new) -> list[SectionDiff]:
    """The sections of two versions in the order of the concept page; expects work plans prefetched."""

    def day(value):
        return date_format(value, "d.m.Y") if value else ""

    def period(concept):
        if not concept.priorities_start_year:
            return ""
        return f"{concept.priorities_start_year}–{concept.priorities_end_year}"

    sections = [
        SectionDiff(_("Title"), diff_text(old.title, new.title)),
        SectionDiff(_("Based on"), diff_text(old.based_on, new.based_on)),
        SectionDiff(_("Start of the work plan"), diff_text(day(old.plan_start), day(new.plan_start))),
        SectionDiff(FocusTheme.EDUCATION.label, diff_text(old.education_text, new.education_text)),
        SectionDiff(FocusTheme.CROSS_CUTTING.label, diff_text(old.cross_cutting_text, new.cross_cutting_text)),
        SectionDiff(_("Organisational anchoring of the KIZ"), diff_text(old.anchoring_text, new.anchoring_text)),
        SectionDiff(_("Two-year period of the content priorities"), diff_text(period(old), period(new))),
        SectionDiff(_("Content priorities"), diff_text(old.priorities_text, new.priorities_text)),
        SectionDiff(
            _("Fields of action"),
            diff_lines(old.fields_of_action_labels(), new.fields_of_action_labels()),
            by_line=True,
        ),
        SectionDiff(
            _("Education chain stages"),
            diff_lines(old.education_stage_labels(), new.education_stage_labels()),
            by_line=True,
        ),
    ]
    for theme in FocusTheme:
        sections.append(
            SectionDiff(
                _("Work plan: %(theme)s") % {"theme": theme.label},
                diff_lines(_work_plan_lines(old, theme), _work_plan_lines(new, theme)),
                by_line=True,
            )
        )
    return sections
