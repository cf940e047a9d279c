"""The German catalogues: every entry translated, nothing fuzzy, and the committed .mo matches its .po."""

import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(p for p in ROOT.glob("**/locale/de/LC_MESSAGES/django.po") if ".venv" not in p.parts)


def _entries(po: Path):
    """(msgid, [msgstr…], flags) for each entry but the header, multi-line strings joined."""
    import ast

    entries, current, key, flags = [], None, None, ""
    for line in po.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("#,"):
            flags = line
        elif line.startswith("msgid "):
            current, key = {"msgid": ast.literal_eval(line[6:]), "msgstr": [], "flags": flags}, "msgid"
        elif line.startswith("msgid_plural "):
            key = "plural"
        elif line.startswith("msgstr"):
            current["msgstr"].append(ast.literal_eval(line.split(" ", 1)[1]))
            key = "msgstr"
        elif line.startswith('"') and current is not None:
            if key == "msgid":
                current["msgid"] += ast.literal_eval(line)
            elif key == "msgstr":
                current["msgstr"][-1] += ast.literal_eval(line)
        elif not line.strip() and current is not None:
            if current["msgid"]:
                entries.append(current)
            current, flags = None, ""
    return entries


def test_there_is_a_german_catalogue():
    assert ROOT / "locale/de/LC_MESSAGES/django.po" in CATALOGUES


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_entry_is_translated(po):
    untranslated = [e["msgid"] for e in _entries(po) if not all(e["msgstr"]) or "fuzzy" in e["flags"]]
    assert untranslated == []


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_compiled_catalogue_matches(po, tmp_path):
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(fresh), str(po)], check=True)
    assert po.with_suffix(".mo").read_bytes() == fresh.read_bytes(), f"{po}: run 'make messages'"
