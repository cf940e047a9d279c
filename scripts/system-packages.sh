#!/usr/bin/env bash
# The Debian/Ubuntu packages the project needs, in one place; used by the Makefile (`make run`, `make test`)
# and by .ci/run. Usage: scripts/system-packages.sh run|test
#
#   run   what the application needs: make, Pango and HarfBuzz for WeasyPrint (libharfbuzz-subset0 makes embedding
#         the fonts several times faster), and Python's venv module to set up .venv
#   test  in addition: Chromium for the browser journeys, gettext (msgfmt) for the catalogue checks,
#         poppler-utils for looking at PDFs
#
# Installs what is missing: as root directly, otherwise with sudo where it exists; without either it prints
# the one command to run and stops. Nothing happens when everything is there (no apt-get at all).
set -euo pipefail

profile="${1:-run}"
packages=(make libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)
if [ "$profile" = "test" ]; then
  packages+=(chromium gettext poppler-utils)
fi

missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
# Debian's Python keeps venv (with ensurepip) in a package of its own; a Python built elsewhere has it.
python="${PYTHON:-python3}"
if ! "$python" -c "import ensurepip, venv" >/dev/null 2>&1; then
  missing+=("python3-venv")
fi
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "Es fehlen Systempakete (${missing[*]}); dieses System hat kein apt-get: bitte von Hand installieren." >&2
  exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
  run=()
elif command -v sudo >/dev/null 2>&1; then
  run=(sudo)
else
  echo "Es fehlen Systempakete. Bitte einmal als root ausführen, dann den Befehl wiederholen:" >&2
  echo "  apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
echo "Installiere Systempakete: ${missing[*]}"
"${run[@]}" apt-get update -qq
# Ubuntu ships Chromium only as a snap; a package without an installation candidate is left out with a note
# (the browser journeys then say that they were skipped, and why).
installable=()
for pkg in "${missing[@]}"; do
  if apt-cache policy "$pkg" 2>/dev/null | grep -q "Candidate: [^(]"; then
    installable+=("$pkg")
  else
    echo "Hinweis: ${pkg} gibt es in den Paketquellen dieses Systems nicht; ohne es geht es weiter." >&2
  fi
done
if [ ${#installable[@]} -gt 0 ]; then
  "${run[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${installable[@]}" \
    >/dev/null
fi
