# Sourced by scripts/dev.sh, scripts/test.sh and .ci/run: makes sure the system tools a step
# needs are there before minutes of compiling start.
#
#   need <command>:<debian package> ...   # queue what is missing
#   need_python_venv                      # python3 with venv + ensurepip
#   install_needed "<what for>"           # install the queue (root with apt-get), or say in one
#                                         # line what to install and exit 1
#
# Nothing is installed without being root (or having passwordless sudo) and apt-get; a
# non-root user gets the exact command to run instead.

_missing_pkgs=()

need() {
  local spec tool pkg
  for spec in "$@"; do
    tool=${spec%%:*}
    pkg=${spec#*:}
    if ! command -v "$tool" > /dev/null 2>&1; then
      _missing_pkgs+=("$pkg")
    fi
  done
}

need_python_venv() {
  if ! python3 -c 'import venv, ensurepip' > /dev/null 2>&1; then
    command -v python3 > /dev/null 2>&1 || _missing_pkgs+=(python3)
    _missing_pkgs+=(python3-venv)
  fi
}

install_needed() {
  local what=$1
  [ ${#_missing_pkgs[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo > /dev/null 2>&1 && sudo -n true 2> /dev/null; then
      sudo="sudo"
    else
      echo "carcosa: ${what}, this machine needs: ${_missing_pkgs[*]}" >&2
      echo "carcosa: install them with: sudo apt-get install -y ${_missing_pkgs[*]}" >&2
      exit 1
    fi
  fi
  if ! command -v apt-get > /dev/null 2>&1; then
    echo "carcosa: ${what}, this machine needs: ${_missing_pkgs[*]} (install them with your package manager)" >&2
    exit 1
  fi
  echo "carcosa: installing ${_missing_pkgs[*]} (${what})" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${_missing_pkgs[@]}" > /dev/null
  _missing_pkgs=()
}

# The newest PostgreSQL server binaries: PATH, then /usr/lib/postgresql/*/bin.
pg_bin_dir() {
  local d
  if command -v initdb > /dev/null 2>&1 && command -v pg_ctl > /dev/null 2>&1; then
    dirname "$(command -v initdb)"
    return 0
  fi
  for d in $(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V -r); do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  return 1
}

# start_private_postgres <dir> <port>: a throwaway cluster (trust auth, loopback) in <dir>,
# run as `postgres` when we are root (initdb refuses root).
start_private_postgres() {
  local dir=$1 port=$2 bin run=()
  bin=$(pg_bin_dir) || return 1
  mkdir -p "$dir"
  if [ "$(id -u)" -eq 0 ]; then
    chown -R postgres:postgres "$dir"
    run=(runuser -u postgres --)
  fi
  if [ ! -f "$dir/PG_VERSION" ]; then
    "${run[@]}" "$bin/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 > /dev/null
  fi
  "${run[@]}" "$bin/pg_ctl" -D "$dir" -o "-p $port -k $dir -h 127.0.0.1" -l "$dir/server.log" -w start > /dev/null
}
