#!/usr/bin/env bash
# Set up everything argmap needs to build and test, on a fresh Debian/Ubuntu or macOS machine:
# a Python >= 3.11 virtual environment in .venv with argmap and its test tools, and Graphviz's
# `dot`. Safe to run again: it only does what is missing. Used by `make demo` and `make test`.
#
#   scripts/bootstrap.sh [--need-dot]    --need-dot: fail if `dot` cannot be installed
set -euo pipefail
cd "$(dirname "$0")/.."

need_dot=0
[ "${1:-}" = "--need-dot" ] && need_dot=1
VENV=${VENV:-.venv}

say() { printf 'argmap setup: %s\n' "$*" >&2; }
die() { printf '\nargmap setup FAILED: %s\n' "$*" >&2; exit 1; }

as_root() {  # run a command as root if we can do so without a password prompt
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo -n "$@"
  else return 1
  fi
}

apt_install() {
  command -v apt-get >/dev/null 2>&1 || return 1
  say "installing $* with apt-get"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null 2>&1 || true
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# --- Python ------------------------------------------------------------------------------
find_python() {
  for cand in "${PYTHON:-}" python3.13 python3.12 python3.11 python3; do
    [ -n "$cand" ] || continue
    if command -v "$cand" >/dev/null 2>&1 &&
       "$cand" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$cand"; return 0
    fi
  done
  return 1
}

if [ ! -x "$VENV/bin/python" ]; then
  py=$(find_python) || die "argmap needs Python 3.11 or newer.
  Debian/Ubuntu: sudo apt-get install python3 python3-venv
  macOS:         brew install python@3.12
  or set PYTHON=/path/to/python3.11 and run again."
  say "creating $VENV with $($py --version)"
  if ! "$py" -m venv "$VENV" 2>/dev/null; then
    rm -rf "$VENV"
    ver=$("$py" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
    apt_install "python$ver-venv" || apt_install python3-venv ||
      die "cannot create a virtual environment: install the venv module
  Debian/Ubuntu: sudo apt-get install python3-venv"
    "$py" -m venv "$VENV" || die "cannot create a virtual environment in $VENV"
  fi
fi

stamp="$VENV/.argmap-installed"
want=$(cat pyproject.toml | cksum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  say "installing argmap and its test tools into $VENV"
  "$VENV/bin/python" -m pip install --quiet --upgrade pip >/dev/null 2>&1 || true
  "$VENV/bin/python" -m pip install --quiet -e '.[test]' ||
    die "pip could not install argmap's dependencies (see the messages above)"
  echo "$want" > "$stamp"
fi

# --- Graphviz's dot ----------------------------------------------------------------------
if ! command -v dot >/dev/null 2>&1; then
  case "$(uname -s)" in
    Darwin)
      if command -v brew >/dev/null 2>&1; then say "installing Graphviz with Homebrew"; brew install graphviz || true; fi ;;
    Linux)
      apt_install graphviz || true ;;
  esac
fi
if ! command -v dot >/dev/null 2>&1; then
  msg="Graphviz's \`dot\` is not installed, and this script could not install it.
  Debian/Ubuntu: sudo apt-get install graphviz
  macOS:         brew install graphviz
  conda:         conda install -c conda-forge graphviz"
  [ "$need_dot" = 1 ] && die "$msg"
  say "warning: $msg
  (tests that render with dot will be skipped)"
fi
exit 0
