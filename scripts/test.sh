#!/usr/bin/env bash
# Runs PPT's whole test suite on SQLite and on a throwaway PostgreSQL.
# Installs what the tests need from Debian packages when missing, starts PostgreSQL on loopback,
# builds, tests, and stops what it started. Usage: scripts/test.sh [extra `swift test` arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
export SWIFT_DETERMINISTIC_HASHING=1

need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
# OCR of scanned documents (optional at run time; the tests exercise it for real).
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr tesseract-ocr-slk tesseract-ocr-ces tesseract-ocr-deu)
command -v promtool >/dev/null 2>&1 || need+=(prometheus)
python3 -c 'import yaml' >/dev/null 2>&1 || need+=(python3-yaml)
/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || need+=(python3-aiosmtpd)
# The web app's browser tests: headless Chromium driven through WebDriver.
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/bin/chromedriver ] || need+=(chromium-driver)
fc-list 2>/dev/null | grep -qi dejavu || need+=(fonts-dejavu-core)
if [ ${#need[@]} -gt 0 ]; then
  echo "==> installing ${need[*]}"
  if [ "$(id -u)" = 0 ]; then apt_get=(apt-get); else apt_get=(sudo apt-get); fi
  "${apt_get[@]}" update -qq
  DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
command -v swift >/dev/null 2>&1 || { echo "swift is not on PATH (Swift 6.1 or newer is required)" >&2; exit 1; }

pgdir=$(mktemp -d /tmp/ppt-test-pg.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
cleanup() { scripts/postgres-down.sh "$pgdir" || true; }
trap cleanup EXIT
echo "==> starting PostgreSQL on 127.0.0.1:$port"
PPT_TEST_POSTGRES_URL=$(scripts/postgres-up.sh "$pgdir" "$port")
export PPT_TEST_POSTGRES_URL

echo "==> checking deploy/ (promtool rules and tests, compose, dashboards)"
scripts/check-deploy.sh

echo "==> building"
# Progress lines are dropped; warnings and errors stay.
swift build --build-tests 2>&1 | { grep -vE '^\[[0-9]+/[0-9]+\]|^(Fetching|Fetched|Cloning|Computing|Computed|Creating|Working copy)' || true; }
[ "${PIPESTATUS[0]}" = 0 ] || { echo "build failed" >&2; exit 1; }
if [ $# -gt 0 ]; then
  swift test --skip-build "$@"
  exit
fi
echo "==> testing on SQLite and PostgreSQL"
swift test --skip-build --skip BrowserTests
# The browser tests start a demo server and Chromium per test: alone, they do not starve the rest
# of the suite of the machine's cores, and their timing stays that of a person's browser.
echo "==> testing the web app and the portal pages in headless Chromium"
swift test --skip-build --filter BrowserTests
