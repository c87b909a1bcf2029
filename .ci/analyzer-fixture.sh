#!/usr/bin/env bash
# Proves the CUT001 wiring end to end with real `dotnet build` runs of tests/fixtures/AnalyzerFixture:
#   1. the fixture as committed builds clean (0 errors, 0 warnings);
#   2. a temporary copy with a secret planted in C# and one in appsettings.json fails with CUT001 at exactly those
#      files and lines, and with nothing else;
#   3. `cutter scan` on the planted copy reports the same findings (the same analyzer, run without a build);
#   4. `cutter scan src` on Cutter itself is clean (no finding, no unreadable path).
# The planted values are generated here at run time (random, fake) so no secret-shaped literal is ever committed.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fixture="$repo/tests/fixtures/AnalyzerFixture"
# The copy must sit inside the repository so Directory.Build.props (analyzer + AdditionalFiles) applies to it.
work="$repo/tests/fixtures/.analyzer-fixture-run-$$"
trap 'rm -rf "$work"' EXIT
started=$SECONDS

fail() { echo "analyzer-fixture: FAIL: $*" >&2; exit 1; }
build() { dotnet build "$1" -nologo -v:q -p:UseSharedCompilation=false 2>&1; }

echo "analyzer-fixture: 1/4 clean fixture must build with 0 warnings: $fixture"
if ! clean_log="$(build "$fixture/AnalyzerFixture.csproj")"; then
  echo "$clean_log" >&2
  fail "the clean fixture did not build"
fi
if grep -qE "(warning|error) [A-Z]+[0-9]+" <<<"$clean_log"; then
  echo "$clean_log" >&2
  fail "the clean fixture built with diagnostics"
fi
echo "analyzer-fixture:   ok, clean build"

mkdir -p "$work"
cp "$fixture/AnalyzerFixture.csproj" "$fixture/Greeter.cs" "$work/"
# `tr` is cut off by SIGPIPE once `head` has enough; that is expected, so pipefail is off for these two.
random() { (set +o pipefail; LC_ALL=C tr -dc "$1" </dev/urandom | head -c "$2"); }
key="AKIA$(random 'A-Z2-7' 16)"
password="$(random 'A-Za-z0-9' 20)"
kb_id="KB-$(random '1-9' 4)"
# The copy lives under tests/, where the repository relaxes CUT002; as production code it gets the rules in full.
printf 'root = true\n\n[*.cs]\ndotnet_diagnostic.CUT002.severity = error\n' >"$work/.editorconfig"
cat >"$work/Planted.cs" <<CS
namespace AnalyzerFixture;

public static class Planted
{
    public static string Key() => "$key";
    public static readonly string DocumentId = "$kb_id";
}
CS
cat >"$work/appsettings.json" <<JSON
{
  "Fixture": {
    "Password": "$password"
  }
}
JSON
expected_code="$work/Planted.cs(5,35): error CUT001: Hard-coded secret (AWS access key id): read it from the environment or configuration (docs/analyzers/CUT001.md)"
expected_id="$work/Planted.cs(6,48): error CUT002: Hard-coded runtime id (KB document id): read it from configuration (docs/analyzers/CUT002.md)"
expected_json="$work/appsettings.json(3,18): error CUT001: Hard-coded secret (high-entropy value bound to 'Password'): read it from the environment or configuration (docs/analyzers/CUT001.md)"

echo "analyzer-fixture: 2/4 planted copy must fail with CUT001 at Planted.cs:5, CUT002 at Planted.cs:6 and CUT001 at appsettings.json:3: $work"
if planted_log="$(build "$work/AnalyzerFixture.csproj")"; then
  echo "$planted_log" >&2
  fail "the build with planted secrets succeeded"
fi
# MSBuild prints each error twice (inline and in the summary) with the project in brackets; compare the distinct ones.
actual="$(grep -oE "^[^ ]+\([0-9]+,[0-9]+\): error [A-Z]+[0-9]+: [^[]*" <<<"$planted_log" | sed 's/ *$//' | sort -u)"
expected="$(printf '%s\n%s\n%s\n' "$expected_code" "$expected_id" "$expected_json" | sort -u)"
if [[ "$actual" != "$expected" ]]; then
  echo "expected errors:" >&2; echo "$expected" >&2
  echo "actual errors:" >&2; echo "$actual" >&2
  fail "the planted build did not fail with exactly the expected CUT001/CUT002 errors"
fi
if grep -qF "$key" <<<"$planted_log" || grep -qF "$password" <<<"$planted_log"; then
  fail "a diagnostic repeated the secret value"
fi
echo "analyzer-fixture:   ok, failed with:"
sed 's/^/analyzer-fixture:     /' <<<"$actual"
echo "analyzer-fixture: 3/4 cutter scan must report the same findings and exit 4"
set +e
scan_log="$(dotnet run --project "$repo/src/Cutter.Cli" -v:q -- scan "$work/Planted.cs" "$work/appsettings.json" 2>&1)"
scan_exit=$?
set -e
expected_scan="$(printf '%s\n%s\n%s\n%s' \
  "$work/Planted.cs:5:35: CUT001 Hard-coded secret (AWS access key id): read it from the environment or configuration" \
  "$work/Planted.cs:6:48: CUT002 Hard-coded runtime id (KB document id): read it from configuration" \
  "$work/appsettings.json:3:18: CUT001 Hard-coded secret (high-entropy value bound to 'Password'): read it from the environment or configuration" \
  "scan: 3 finding(s); 2 file(s) scanned, 0 skipped")"
if [[ "$scan_exit" != 4 || "$scan_log" != "$expected_scan" ]]; then
  echo "expected (exit 4):" >&2; echo "$expected_scan" >&2
  echo "actual (exit $scan_exit):" >&2; echo "$scan_log" >&2
  fail "cutter scan disagrees with the build"
fi
echo "analyzer-fixture:   ok, cutter scan exit 4 with the same three findings"
echo "analyzer-fixture: 4/4 cutter scan src must be clean"
set +e
self_log="$(dotnet run --project "$repo/src/Cutter.Cli" -v:q -- scan "$repo/src" 2>&1)"
self_exit=$?
set -e
if [[ "$self_exit" != 0 || "$self_log" != "scan: clean; "* ]]; then
  echo "$self_log" >&2
  fail "cutter scan src is not clean (exit $self_exit)"
fi
echo "analyzer-fixture:   ok, $self_log"
echo "analyzer-fixture: passed in $((SECONDS - started)) s"
