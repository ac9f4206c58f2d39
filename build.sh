#!/usr/bin/env bash
# The project's one entry point on a fresh Debian machine with the .NET SDK, Node.js and root:
#   ./build.sh test   installs what the tests need when it is missing (PostgreSQL, python3-aiosmtpd, Chromium,
#                     CJK fonts, jq and curl for the API tour), starts a private PostgreSQL (.ci/postgres.sh) and runs the whole suite
#   ./build.sh run    runs the host (SQLite, http://localhost:5080)
# Nothing is skipped because a server is absent: the PostgreSQL and SMTP tests always run here.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

install_missing() {
  local missing=()
  command -v pg_ctl >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || missing+=(postgresql)
  /usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || missing+=(python3-aiosmtpd)
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  [ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || missing+=(fonts-wqy-microhei)
  command -v jq >/dev/null 2>&1 || missing+=(jq)   # doc/api-tour.md, run by the suite
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "== installing Debian packages: ${missing[*]}"
    local sudo=()
    [ "$(id -u)" = "0" ] || sudo=(sudo)
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

case "${1:-test}" in
  test)
    install_missing
    echo "== starting PostgreSQL"
    eval "$(bash .ci/postgres.sh)"
    export WORKFLOWS_TEST_POSTGRES
    export CI="${CI:-true}" # the PostgreSQL cases fail loudly rather than skip
    echo "== dotnet test WorkflowHost.sln"
    dotnet test WorkflowHost.sln --logger "console;verbosity=minimal"
    ;;
  run)
    dotnet run --project src/WorkflowHost
    ;;
  *)
    echo "usage: ./build.sh [test|run]" >&2
    exit 2
    ;;
esac
