#!/usr/bin/env bash
# The Debian packages the tests use as real parts: Chromium for the
# end-to-end tests, age as the reference for our encryption, gnome-keyring
# and dbus for the OS keychain, poppler for print PDFs, libvips-tools for the
# import speed reference, libheif-examples (heif-enc) to make test HEIC files,
# openssl to make the TLS tests' CA and server certificates, zbar-tools
# (zbarimg) to scan the job sheet's barcode off a picture of the page.
# Run as root (or with sudo).
set -euo pipefail
packages=(chromium age gnome-keyring dbus dbus-x11 libsecret-tools poppler-utils libvips-tools libheif-examples openssl zbar-tools)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "Debian packages present: ${packages[*]}"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}"
