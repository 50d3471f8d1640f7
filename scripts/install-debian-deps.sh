#!/usr/bin/env bash
# The Debian packages the tests use as real parts: Chromium for the
# end-to-end tests, age as the reference for our encryption, gnome-keyring
# and dbus for the OS keychain, poppler for print PDFs, libvips-tools for the
# import speed reference, libheif-examples (heif-enc) to make test HEIC files,
# openssl to make the TLS tests' CA and server certificates, zbar-tools
# (zbarimg) to scan the job sheet's barcode off a picture of the page.
# The scaled receiver's engines: postgresql for its records, and Ceph's
# radosgw (with ceph-mon and ceph-osd, scripts/ceph-s3-start.sh) as the
# S3-compatible store for its uploads; the Ceph ones without their
# recommends (about 61 MB instead of a whole Ceph installation).
# Run as root (or with sudo).
set -euo pipefail
packages=(chromium age gnome-keyring dbus dbus-x11 libsecret-tools poppler-utils libvips-tools libheif-examples openssl zbar-tools postgresql)
ceph_packages=(radosgw ceph-mon ceph-osd)
missing=()
missing_ceph=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
for p in "${ceph_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing_ceph+=("$p")
done
if [ ${#missing[@]} -eq 0 ] && [ ${#missing_ceph[@]} -eq 0 ]; then
  echo "Debian packages present: ${packages[*]} ${ceph_packages[*]}"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
[ ${#missing[@]} -eq 0 ] || apt-get install -y -qq "${missing[@]}"
[ ${#missing_ceph[@]} -eq 0 ] || apt-get install -y -qq --no-install-recommends "${missing_ceph[@]}"
