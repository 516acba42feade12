#!/usr/bin/env bash
# The README's test command, for a fresh machine: it installs what the
# tests need when it is missing, then runs every test with the race
# detector.
#
#   tmux               the end-to-end tests drive the real binary in tmux
#   fonts-dejavu-core  the screenshot checks draw with DejaVu Sans Mono
#   gcc, libc6-dev     go test -race needs a C toolchain on Linux
#
# Installing uses apt-get (with sudo when not root); elsewhere it names the
# packages and stops. Arguments go to go test instead of ./...:
#   ./test.sh -run TestGet ./cmd/alivpc
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v go >/dev/null 2>&1; then
	echo "test.sh: Go is not installed; install Go 1.26 or newer (https://go.dev/dl/) and run ./test.sh again" >&2
	exit 1
fi

need=()
command -v tmux >/dev/null 2>&1 || need+=(tmux)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf ] || need+=(fonts-dejavu-core)
cc=$(go env CC)
command -v "${cc%% *}" >/dev/null 2>&1 || need+=(gcc libc6-dev)
if [ ${#need[@]} -gt 0 ]; then
	if ! command -v apt-get >/dev/null 2>&1; then
		echo "test.sh: the tests need ${need[*]} (Debian package names); install them with your package manager and run ./test.sh again" >&2
		exit 1
	fi
	sudo=()
	[ "$(id -u)" -ne 0 ] && sudo=(sudo)
	echo "test.sh: installing ${need[*]}"
	"${sudo[@]}" apt-get update -qq
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

[ $# -gt 0 ] || set -- ./...
exec go test -race "$@"
