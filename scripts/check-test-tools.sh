#!/usr/bin/env bash
# Fails early, with the fix, when a tool the tests need is missing.
missing=()
for tool in chromium age age-keygen dbus-run-session gnome-keyring-daemon secret-tool heif-enc \
  pdfinfo pdfimages pdffonts pdftoppm pdftotext zbarimg \
  radosgw radosgw-admin ceph-mon ceph-osd monmaptool; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
# PostgreSQL's server programs are not on PATH in Debian.
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=("initdb (postgresql)")
if [ ${#missing[@]} -gt 0 ]; then
  echo "Missing test tools: ${missing[*]}" >&2
  echo "Install them with: sudo bash scripts/install-debian-deps.sh" >&2
  exit 1
fi
