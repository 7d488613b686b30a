#!/usr/bin/env bash
# Set up everything argmap needs to build and test, on a fresh Debian/Ubuntu or macOS machine:
# a Python >= 3.11 virtual environment in .venv with argmap and its test tools at the versions
# pinned in requirements/constraints.txt, Graphviz's `dot`, and (with --node-tools, where npm
# is) the Argdown CLI as pinned in tools/node. Safe to run again: it re-installs only when the lock or pyproject.toml
# changed, or the environment no longer matches the lock. Used by `make demo` and `make test`.
#
#   scripts/bootstrap.sh [--need-dot] [--node-tools] [--latest] [--lock-tool]
#     --need-dot    fail if `dot` cannot be installed
#     --node-tools  also `npm ci` in tools/node (the Argdown CLI the tests use)
#     --latest      ignore the lock: the newest releases pyproject.toml allows, in .venv-latest
#     --lock-tool   only make sure the environment has the pinned uv (for `make lock`)
set -euo pipefail
cd "$(dirname "$0")/.."

need_dot=0 node_tools=0 latest=0 lock_tool=0
for arg in "$@"; do
  case "$arg" in
    --need-dot) need_dot=1 ;;
    --node-tools) node_tools=1 ;;
    --latest) latest=1 ;;
    --lock-tool) lock_tool=1 ;;
    *) printf 'usage: scripts/bootstrap.sh [--need-dot] [--node-tools] [--latest] [--lock-tool]\n' >&2; exit 2 ;;
  esac
done
if [ "$latest" = 1 ]; then VENV=${VENV:-.venv-latest}; else VENV=${VENV:-.venv}; fi
LOCK=requirements/constraints.txt
NODE_TOOLS=tools/node

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
  # 3.11 first: the version CI runs and mypy checks against (the lock covers 3.12+ too)
  for cand in "${PYTHON:-}" python3.11 python3 python3.12 python3.13; do
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

pip_() { "$VENV/bin/python" -m pip --disable-pip-version-check "$@"; }
sha() { cat "$@" | "$VENV/bin/python" -c 'import hashlib, sys; print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest())'; }

# --- Python packages -----------------------------------------------------------------------
if [ "$lock_tool" = 1 ]; then
  # uv at the version the lock pins (any uv when the lock names none yet)
  pip_ install --quiet -c "$LOCK" uv || die "pip could not install uv"
  exit 0
fi

if [ "$latest" = 1 ]; then
  # Deliberately unpinned: the newest releases that pyproject.toml allows, every time.
  say "installing the newest releases of argmap's dependencies and test tools into $VENV"
  pip_ install --quiet --upgrade pip || die "pip could not upgrade itself"
  pip_ install --quiet --upgrade --upgrade-strategy eager -e . --group dev ||
    die "pip could not install argmap's dependencies (see the messages above)"
  pip_ freeze --exclude-editable > "$VENV/versions.txt"
  say "installed (also in $VENV/versions.txt): $(grep -iE '^(pyyaml|attrs|networkx|graphviz|pytest|hypothesis|playwright)==' "$VENV/versions.txt" | tr '\n' ' ')"
else
  stamp="$VENV/.argmap-installed"
  want=$(sha "$LOCK" pyproject.toml)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ] ||
     ! "$VENV/bin/python" scripts/check_lock.py "$LOCK" >/dev/null 2>&1; then
    say "installing argmap and its test tools into $VENV, as pinned in $LOCK"
    # pip first, at its pinned version (>= 25.1 knows --group); then everything else, held to
    # the lock by -c (the build backend too, by --build-constraint).
    pip_ install --quiet -c "$LOCK" pip || die "pip could not install the pinned pip"
    pip_ install --quiet -c "$LOCK" --build-constraint "$LOCK" -e . --group dev ||
      die "pip could not install argmap's dependencies as pinned (see the messages above);
  if you changed pyproject.toml, run \`make lock\` to bring $LOCK in line with it"
    # what an earlier lock installed and this one no longer names goes
    extras=$("$VENV/bin/python" scripts/check_lock.py "$LOCK" --extras)
    if [ -n "$extras" ]; then
      say "removing what the lock no longer names: $(echo $extras)"
      # shellcheck disable=SC2086
      pip_ uninstall --quiet --yes $extras
    fi
    "$VENV/bin/python" scripts/check_lock.py "$LOCK" >&2 ||
      die "$VENV does not match $LOCK after installing (see above)"
    echo "$want" > "$stamp"
  fi
fi

# --- the Argdown CLI (npm) ------------------------------------------------------------------
# Pinned in tools/node/package-lock.json; `npm ci` installs exactly that into
# tools/node/node_modules, where the tests look for it. Without npm the Argdown CLI tests skip;
# with ARGMAP_REQUIRE_NODE_TOOLS=1 (CI) a failing `npm ci` fails the set-up.
if [ "$node_tools" = 0 ]; then
  :
elif command -v npm >/dev/null 2>&1; then
  nstamp="$NODE_TOOLS/node_modules/.argmap-installed"
  nwant=$(sha "$NODE_TOOLS/package.json" "$NODE_TOOLS/package-lock.json")
  if [ ! -f "$nstamp" ] || [ "$(cat "$nstamp")" != "$nwant" ]; then
    say "installing the Argdown CLI into $NODE_TOOLS/node_modules (npm ci)"
    if (cd "$NODE_TOOLS" && npm ci --silent --no-audit --no-fund >/dev/null); then
      echo "$nwant" > "$nstamp"
    elif [ "${ARGMAP_REQUIRE_NODE_TOOLS:-}" = 1 ]; then
      die "npm ci in $NODE_TOOLS failed (see the messages above)"
    else
      say "warning: npm ci in $NODE_TOOLS failed; the Argdown CLI tests will skip"
    fi
  fi
else
  [ "${ARGMAP_REQUIRE_NODE_TOOLS:-}" = 1 ] && die "npm is not installed, and ARGMAP_REQUIRE_NODE_TOOLS=1"
  say "note: npm is not installed, so the Argdown CLI tests will skip (Debian: apt-get install npm)"
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
