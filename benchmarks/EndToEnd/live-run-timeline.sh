#!/usr/bin/env bash
# A whole live run of a generated document of N units through the real CLI on a disposable PostgreSQL, timed by
# phase from the phase ledger (gates excluded), with every process's peak RSS (GNU time). Issue 17; figures in
# benchmarks/README.md ("End to end: a live run through the CLI").
#   bash benchmarks/EndToEnd/live-run-timeline.sh 100000
set -euo pipefail
units="${1:?usage: live-run-timeline.sh UNITS}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
dotnet build src/Cutter.Cli -c Release -nologo -clp:ErrorsOnly -v q
dotnet build benchmarks -c Release -nologo -clp:ErrorsOnly -v q
echo "commit $(git rev-parse --short HEAD); $(uptime)"
dotnet benchmarks/bin/Release/net10.0/Cutter.Benchmarks.dll --live-run-timeline "$units" src/Cutter.Cli/bin/Release/net10.0/Cutter.Cli.dll
