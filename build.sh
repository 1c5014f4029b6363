#!/usr/bin/env bash
# Runs a target of the experiment graph (build/Build.proj): ./build.sh TARGET [--name value ...]
# Options become MSBuild properties, hyphens dropped (names are case-insensitive): --configuration Debug ->
# -p:configuration=Debug, --data-from cpu -> -p:datafrom=cpu.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
proj="$root/build/Build.proj"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "build.sh: error: the .NET SDK (dotnet) is not on PATH; install the SDK named in global.json" >&2
  exit 2
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# The targets and their descriptions are listed by the graph itself (target Help of build/Build.proj).
if [ $# -eq 0 ] || [ "$1" = "--help" ] || [ "$1" = "-h" ] || [ "$1" = "help" ]; then
  exec dotnet msbuild "$proj" -nologo -v:m -t:Help
fi
target="$1"
shift

props=()
while [ $# -gt 0 ]; do
  case "$1" in
    --*=*) name="${1%%=*}"; name="${name#--}"; props+=("-p:${name//-/}=${1#*=}"); shift ;;
    --*)
      if [ $# -lt 2 ]; then echo "build.sh: error: option $1 needs a value" >&2; exit 2; fi
      name="${1#--}"; props+=("-p:${name//-/}=$2"); shift 2 ;;
    *) echo "build.sh: error: unexpected argument '$1'" >&2; exit 2 ;;
  esac
done

exec dotnet msbuild "$proj" -nologo -v:m "-t:$target" ${props[@]+"${props[@]}"}
