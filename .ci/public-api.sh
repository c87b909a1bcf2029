#!/usr/bin/env bash
# Proves the public API baseline holds the build: a public type planted in the library (and not recorded in
# src/Cutter/PublicAPI.*.txt) must fail `dotnet build` with RS0016 naming it. (That the library as committed builds
# against its baseline is .ci/run's build step.) Runs last in CI: the library's next build is a full one anyway.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
planted="$repo/src/Cutter/PlantedPublicApiProbe.cs"
trap 'rm -f "$planted"' EXIT
fail() { echo "public-api: FAIL: $*" >&2; exit 1; }

name="PlantedProbe$RANDOM"
printf 'namespace Cutter;\n\npublic static class %s\n{\n    public static int Value => 1;\n}\n' "$name" > "$planted"
if log="$(dotnet build "$repo/src/Cutter/Cutter.csproj" -nologo -v:q 2>&1)"; then
  fail "the library built with an unrecorded public type $name"
fi
grep -q "RS0016.*$name" <<<"$log" || { echo "$log" >&2; fail "the build failed, but not with RS0016 naming $name"; }
echo "public-api: an unrecorded public type fails the build with RS0016 ($name)"
