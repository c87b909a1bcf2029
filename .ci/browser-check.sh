#!/usr/bin/env bash
# The review page and the run report in a real browser: installs Debian's chromium when it is missing, runs
# `cutter rehearse` for a fresh pair of pages (or takes CUTTER_BROWSER_RUN_DIR, a run folder holding both), opens
# each headless over the DevTools pipe (.ci/browser-check.mjs, Node only), saves screenshots, and fails on a console
# error, a network request, a missing section, or content wider than the 1280 px viewport. A planted broken page
# must fail the same check, so the check itself is shown to bite.
# Usage: bash .ci/browser-check.sh   (env: CUTTER_BROWSER_OUT, default artifacts/browser: the screenshots are kept there)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${CUTTER_BROWSER_OUT:-$ROOT/artifacts/browser}"
WORK="$(mktemp -d /tmp/cutter-browser-XXXXXX)"
STARTED=$SECONDS
trap 'rc=$?; rm -rf "$WORK"; echo "browser-check: $([ $rc -eq 0 ] && echo PASSED || echo FAILED) in $((SECONDS - STARTED)) s"' EXIT

step() { printf '\n== [%3ss] %s\n' "$((SECONDS - STARTED))" "$*"; }
fail() { echo "browser-check: FAILED: $*" >&2; exit 1; }

REVIEW_SECTIONS="document,payload,counts,will-write,units,approve"
REPORT_SECTIONS="summary,timeline,gates,backup,verification,audit-heads"

step "chromium"
CHROMIUM="$(command -v chromium || true)"
if [ -z "$CHROMIUM" ]; then
    [ "$(id -u)" = "0" ] || fail "chromium is missing and installing it needs root (apt-get install chromium)"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null || fail "apt-get install chromium"
    CHROMIUM="$(command -v chromium)" || fail "chromium is not on PATH after the install"
fi
"$CHROMIUM" --version 2>/dev/null   # the Debian wrapper complains about /dev/shm on stderr
command -v node >/dev/null || fail "node is missing (.ci/browser-check.mjs runs on Node 18 or later)"

if [ -n "${CUTTER_BROWSER_RUN_DIR:-}" ]; then
    REVIEW="$CUTTER_BROWSER_RUN_DIR/review-sg1.html"
    REPORT="$CUTTER_BROWSER_RUN_DIR/run-report.html"
else
    step "build the CLI (a no-op after .ci/run's build)"
    dotnet build "$ROOT/src/Cutter.Cli/Cutter.Cli.csproj" -nologo -v q >/dev/null || fail "build of src/Cutter.Cli"
    step "cutter rehearse (a fresh run on a disposable PostgreSQL writes both pages)"
    OUTPUT="$(dotnet "$ROOT/src/Cutter.Cli/bin/Debug/net10.0/Cutter.Cli.dll" rehearse --work-dir "$WORK/rehearsal" 2>"$WORK/rehearse.log")" \
        || { tail -20 "$WORK/rehearse.log" >&2; echo "$OUTPUT" >&2; fail "cutter rehearse"; }
    REVIEW="$(echo "$OUTPUT" | sed -n 's/^review page *//p' | head -1)"
    REPORT="$(echo "$OUTPUT" | sed -n 's/^run report *//p' | head -1)"
fi
[ -f "$REVIEW" ] || fail "no review page at '$REVIEW'"
[ -f "$REPORT" ] || fail "no run report at '$REPORT'"
mkdir -p "$OUT"
cp "$REVIEW" "$REPORT" "$OUT/"

step "open both pages headless (1280x2000)"
node "$ROOT/.ci/browser-check.mjs" "$CHROMIUM" "$OUT" \
    "review-sg1=$REVIEW=$REVIEW_SECTIONS" "run-report=$REPORT=$REPORT_SECTIONS" || fail "a page failed the browser check"

step "the check rejects a planted broken page (console error, remote image, missing section, 3000 px wide)"
cat > "$WORK/broken.html" <<'HTML'
<!DOCTYPE html><html><head><meta charset="utf-8"><title>broken</title></head><body>
<section id="document"><h2>Document</h2></section><div style="width:3000px">wide</div>
<img src="https://example.invalid/a.png" alt=""><script>console.error("planted error");</script></body></html>
HTML
set +e
VERDICT="$(node "$ROOT/.ci/browser-check.mjs" "$CHROMIUM" "$WORK" "broken=$WORK/broken.html=$REVIEW_SECTIONS")"
STATUS=$?
set -e
echo "$VERDICT"
[ $STATUS -ne 0 ] || fail "the planted broken page passed"
for reason in "console error: planted error" "network request: https://example.invalid/a.png" "missing sections: payload" "content wider than the viewport"; do
    grep -qF "$reason" <<<"$VERDICT" || fail "the planted broken page was not rejected for: $reason"
done

step "screenshots (CI output)"
ls -1 "$OUT"/*.png
