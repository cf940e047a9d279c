"""The two commands of the README: what `make run` and `make test` do, and how the system packages get installed."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "system-packages.sh"


def make_dry_run(target: str, **env) -> str:
    result = subprocess.run(
        ["make", "--no-print-directory", "-n", "-B", target],
        cwd=ROOT,
        # Run as from a shell, also when the suite itself runs under `make test` (no inherited make flags).
        env={**{k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MAKELEVEL", "MFLAGS"}}, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def test_make_run_sets_up_everything_and_starts_web_server_and_worker_together():
    lines = make_dry_run("run", PORT="8123").splitlines()
    assert "PYTHON=python3 bash scripts/system-packages.sh run" in lines[0]
    commands = "\n".join(lines)
    assert "-m venv .venv" in commands
    assert '.venv/bin/python -m pip install --quiet --disable-pip-version-check "uv>=0.5,<1"' in commands
    assert ".venv/bin/uv pip install --quiet --python .venv/bin/python -r pyproject.toml --extra dev" in commands
    order = [
        commands.index("system-packages.sh run"),
        commands.index("uv pip install"),
        commands.index("manage.py migrate --noinput"),
        commands.index("manage.py seed_demo"),
        commands.index("manage.py serve 127.0.0.1:8123"),
    ]
    assert order == sorted(order)
    assert "runserver" not in commands  # the web server alone would leave the reports unrendered


def test_make_test_installs_the_browser_packages_and_runs_checks_and_pytest():
    commands = make_dry_run("test")
    assert "bash scripts/system-packages.sh test" in commands
    for step in ("manage.py check", "makemigrations --check --dry-run", "ruff check .", ".venv/bin/pytest"):
        assert step in commands


def test_ci_uses_the_same_package_list():
    assert "bash scripts/system-packages.sh test" in (ROOT / ".ci" / "run").read_text()


@pytest.fixture
def fake_system(tmp_path):
    """A PATH with stand-ins for dpkg-query (nothing installed), id, apt-get, apt-cache and optionally sudo."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "calls.log"

    def tool(name, body):
        path = bin_dir / name
        path.write_text(f"#!/bin/bash\n{body}\n")
        path.chmod(0o755)

    for real in ("grep", "env", "bash"):
        (bin_dir / real).symlink_to(subprocess.check_output(["bash", "-c", f"command -v {real}"], text=True).strip())
    tool("dpkg-query", "exit 1")
    tool("apt-get", f'echo "apt-get $*" >> {log}')
    tool("apt-cache", 'if [ "$2" = chromium ]; then echo "  Candidate: (none)"; else echo "  Candidate: 1.0"; fi')

    def run(uid: int, sudo: bool = False):
        tool("id", f"echo {uid}")
        if sudo:
            tool("sudo", f'echo "sudo" >> {log}; "$@"')
        env = {"PATH": str(bin_dir), "PYTHON": sys.executable}
        result = subprocess.run(["bash", str(SCRIPT), "test"], env=env, capture_output=True, text=True)
        return result, log.read_text() if log.exists() else ""

    return run


def test_as_root_missing_packages_are_installed_after_an_update(fake_system):
    result, calls = fake_system(uid=0)
    assert result.returncode == 0, result.stderr
    lines = calls.splitlines()
    assert lines[0] == "apt-get update -qq"
    assert lines[1].startswith("apt-get install -y -qq --no-install-recommends make libpango-1.0-0")
    assert "gettext poppler-utils" in lines[1]
    assert "chromium" not in lines[1]  # no installation candidate (Ubuntu): left out with a note
    assert "chromium gibt es in den Paketquellen dieses Systems nicht" in result.stderr


def test_with_sudo_the_installation_goes_through_sudo(fake_system):
    result, calls = fake_system(uid=1000, sudo=True)
    assert result.returncode == 0, result.stderr
    assert calls.splitlines()[:2] == ["sudo", "apt-get update -qq"]


def test_without_root_and_sudo_the_one_command_to_run_is_printed(fake_system):
    result, calls = fake_system(uid=1000)
    assert result.returncode == 1
    assert calls == ""
    assert "Bitte einmal als root ausführen" in result.stderr
    assert (
        "apt-get update && apt-get install -y --no-install-recommends make libpango-1.0-0 libpangoft2-1.0-0 "
        "libharfbuzz-subset0 chromium gettext poppler-utils" in result.stderr
    )
