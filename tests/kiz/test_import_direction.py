"""Dependencies flow one way: kiz ← concepts, staffing ← funding ← reporting; nothing imports reporting.

Checked in the Python code (every import, also those inside functions) and in the templates: a template of one
app names no other app's URLs (`{% url 'otherapp:…' %}`) or templates (`{% include/extends "otherapp/…" %}`), and
the Python code of an app names no other app's templates. Pages of one app show what another adds through the
hooks of kiz.extensions (panels, navigation, downloads), which name their templates at run time.
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ["kiz", "concepts", "staffing", "funding", "reporting"]
MAY_IMPORT = {
    "kiz": set(),
    "concepts": {"kiz"},
    "staffing": {"kiz"},
    "funding": {"kiz", "concepts", "staffing"},
    "reporting": {"kiz", "concepts", "staffing", "funding"},
}
# Templates outside an app folder belong to the core (base layout, error pages, login, form pack, print base).
CORE_TEMPLATE_DIRS = {"kiz", "kern", "pdf", "registration"}
TEMPLATE_REFERENCE = re.compile(r"""\{%\s*(url|include|extends)\s+(['"])([^'"]+)\2""")
TEMPLATE_NAME_IN_PYTHON = re.compile(r"""['"](concepts|staffing|funding|reporting|kiz)/[\w/.-]+\.(html|txt|svg)['"]""")


def python_files(app):
    return sorted(p for p in (ROOT / app).rglob("*.py") if "__pycache__" not in p.parts)


def imported_apps(path: Path) -> set[tuple[str, int]]:
    """The project apps a module imports, with the line, relative imports resolved within its own app."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            if top in APPS:
                found.add((top, node.lineno))
    return found


@pytest.mark.parametrize("app", APPS)
def test_python_imports_flow_one_way(app):
    allowed = MAY_IMPORT[app] | {app}
    wrong = [
        f"{path.relative_to(ROOT)}:{line} imports {other}"
        for path in python_files(app)
        for other, line in sorted(imported_apps(path))
        if other not in allowed
    ]
    assert wrong == []


@pytest.mark.parametrize("app", APPS)
def test_python_names_no_other_apps_templates(app):
    wrong = []
    for path in python_files(app):
        for match in TEMPLATE_NAME_IN_PYTHON.finditer(path.read_text(encoding="utf-8")):
            if match.group(1) != app:
                wrong.append(f"{path.relative_to(ROOT)}: {match.group(0)}")
    assert wrong == []


def template_owner(path: Path) -> str:
    parts = path.relative_to(ROOT / "templates").parts
    if len(parts) == 1 or parts[0] in CORE_TEMPLATE_DIRS:
        return "kiz"
    return parts[0]


def reference_target(kind: str, target: str) -> str | None:
    """The app a `{% url %}`, `{% include %}` or `{% extends %}` reaches into, or None for the core."""
    if kind == "url":
        namespace = target.split(":")[0] if ":" in target else None
        return namespace if namespace in APPS else None
    folder = target.split("/")[0] if "/" in target else None
    return folder if folder in APPS and folder not in CORE_TEMPLATE_DIRS else None


def test_templates_reach_into_no_other_app():
    templates = sorted((ROOT / "templates").rglob("*.html"))
    assert len(templates) > 50
    wrong = []
    for path in templates:
        owner = template_owner(path)
        for match in TEMPLATE_REFERENCE.finditer(path.read_text(encoding="utf-8")):
            kind, target = match.group(1), match.group(3)
            reached = reference_target(kind, target)
            if reached is not None and reached != owner:
                wrong.append(f"{path.relative_to(ROOT)}: {{% {kind} '{target}' %}}")
    assert wrong == []


def test_the_checks_see_a_violation(tmp_path):
    """The parsers find what they are meant to find (a check that cannot fail checks nothing)."""
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from reporting.models import ReportDocument\nimport funding.models\n")
    assert imported_apps(module) == {("reporting", 2), ("funding", 3)}
    line = """{% include "funding/_events.html" %}{% url 'reporting:index' %}{% include "kiz/_history.html" %}"""
    targets = [reference_target(m.group(1), m.group(3)) for m in TEMPLATE_REFERENCE.finditer(line)]
    assert targets == ["funding", "reporting", None]
