#!/usr/bin/env bash
# The operator's path through the CLI, as separate commands against one disposable PostgreSQL that outlives each
# command: setup, orchestrate (live), approve SG_1 and the execution ruling, resume, approve SG_2, resume, then the
# post-run gate (`cutter audit verify` against the signed heads, `dotnet test verification` on that run) and
# `ssh-keygen -Y verify` on the signed report. Second act: the operator edits the charter's source (the amended
# sample), the same verbs make an amendment run through both gates, `cutter verify` passes, and `cutter revert`
# of the amendment restores the document hash-exact (docs/amendments.md).
# Fails on any step. Usage: bash .ci/operator-path.sh   (env: CUTTER_OPERATOR_KEEP=1 keeps the work folder)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$(mktemp -d /tmp/cutter-operator-XXXXXX)"
chmod 755 "$WORK"
PG_DIR="$WORK/pg"
RUN_DIR="$WORK/rehearsal"
DOCUMENT="KB-2186"   # the sample target the rehearsal seeds into its KB
STARTED=$SECONDS
PG_CTL=""
GPG_HOME=""

step() { printf '\n== [%3ss] %s\n' "$((SECONDS - STARTED))" "$*"; }
fail() { echo "operator-path: FAILED: $*" >&2; exit 1; }
field() { sed -n "s/^$1[[:space:]]*//p" | head -1; }   # value after a "label  value" line

as_postgres() {
    if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cleanup() {
    local rc=$?
    if [ -n "$PG_CTL" ] && [ -f "$PG_DIR/data/postmaster.pid" ]; then
        as_postgres "$PG_CTL" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
        echo "stopped PostgreSQL"
    fi
    if [ -n "$GPG_HOME" ] && [ -d "$GPG_HOME" ]; then
        GNUPGHOME="$GPG_HOME" gpgconf --kill gpg-agent >/dev/null 2>&1 || true
        rm -rf "$GPG_HOME"
    fi
    rm -rf "$PG_DIR"
    if [ "${CUTTER_OPERATOR_KEEP:-0}" = "1" ] || [ $rc -ne 0 ]; then
        echo "work folder kept: $WORK"
    else
        rm -rf "$WORK"
    fi
    echo "operator-path: $([ $rc -eq 0 ] && echo PASSED || echo FAILED) in $((SECONDS - STARTED)) s"
}
trap cleanup EXIT

step "build the CLI and the verification gate"
dotnet build "$ROOT/src/Cutter.Cli/Cutter.Cli.csproj" -nologo -v q >/dev/null || fail "build of src/Cutter.Cli"
dotnet build "$ROOT/verification/Cutter.Verification.csproj" -nologo -v q >/dev/null || fail "build of verification"
CLI_DLL="$ROOT/src/Cutter.Cli/bin/Debug/net10.0/Cutter.Cli.dll"
cutter() { echo "\$ cutter $*" >&2; dotnet "$CLI_DLL" "$@"; }

step "start a disposable PostgreSQL (initdb + pg_ctl) that outlives each command"
BIN="$(pg_config --bindir 2>/dev/null || true)"
[ -x "$BIN/initdb" ] || BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -x "$BIN/initdb" ] || fail "initdb not found (pg_config --bindir or /usr/lib/postgresql/*/bin)"
PG_CTL="$BIN/pg_ctl"
mkdir -p "$PG_DIR"
PASSWORD="$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
printf '%s\n' "$PASSWORD" > "$PG_DIR/pwfile"
chmod 600 "$PG_DIR/pwfile"
[ "$(id -u)" = "0" ] && chown -R postgres "$PG_DIR"
as_postgres "$BIN/initdb" -D "$PG_DIR/data" -U postgres --pwfile "$PG_DIR/pwfile" --auth-local=trust --auth-host=scram-sha-256 \
    -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null || fail "initdb"
rm -f "$PG_DIR/pwfile"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
as_postgres "$PG_CTL" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-c port=$PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$PG_DIR -c fsync=off -c synchronous_commit=off" start >/dev/null \
    || { cat "$PG_DIR/server.log" >&2 || true; fail "pg_ctl start"; }
export CUTTER_TEST_PG="Host=127.0.0.1;Port=$PORT;Username=postgres;Password=$PASSWORD;Database=postgres"
echo "PostgreSQL on 127.0.0.1:$PORT (data $PG_DIR/data)"

step "setup: store database, sample registry, KB, throwaway keys, cutter.json and cutter.env (kept for the next commands)"
SETUP="$(cutter rehearse --setup-only --work-dir "$RUN_DIR")" || fail "cutter rehearse --setup-only"
echo "$SETUP"
APPROVER="$(echo "$SETUP" | field approver | cut -d' ' -f1)"
APPROVER_KEY="$(echo "$SETUP" | field approver | cut -d' ' -f2)"
GPG_HOME="$(echo "$SETUP" | field 'gpg home')"
[ -n "$APPROVER" ] && [ -f "$APPROVER_KEY" ] || fail "setup did not report the approver key"
export CUTTER_CONFIG="$RUN_DIR/cutter.json" CUTTER_ENV_FILE="$RUN_DIR/cutter.env"
KB_ROOT="$RUN_DIR/kb"

approve() { # approve REQUEST_ID RATIONALE -> prints the approval doc id
    local out
    out="$(cutter approve --request "$1" --key "$APPROVER_KEY" --signer "$APPROVER" --kb-root "$KB_ROOT" --rationale "$2" --yes)" \
        || fail "cutter approve --request $1"
    echo "$out" >&2
    echo "$out" | sed -n 's/^wrote \(KB-[0-9]*\) .*/\1/p' | head -1
}

drive_run() { # drive_run ACT -> sets RUN_ID: orchestrate, both gates signed, resume to closeout, cutter verify
    local act="$1" out rc sg1_request ruling_request sg1_approval ruling sg2_request sg2_approval
    step "$act: cutter orchestrate --document $DOCUMENT --mode live (runs phases 1-4, pauses at SG_1)"
    # Exit 7 is "paused at a gate, waiting for an approval" (docs/exit-codes.md), not a failure and not "done".
    out="$(cutter orchestrate --document "$DOCUMENT" --mode live --actor "$APPROVER")" && rc=0 || rc=$?
    [ "$rc" -eq 7 ] || fail "$act: cutter orchestrate exited $rc, not 7 (paused at SG_1)"
    echo "$out"
    RUN_ID="$(echo "$out" | sed -n 's/^run_id: //p' | head -1)"
    sg1_request="$(echo "$out" | sed -n 's/^request SG_1_cut_authz: //p' | head -1)"
    ruling_request="$(echo "$out" | sed -n 's/^request execution_ruling: //p' | head -1)"
    [ -n "$RUN_ID" ] && [ -n "$sg1_request" ] && [ -n "$ruling_request" ] || fail "$act: orchestrate did not print run_id and the SG_1 and ruling requests"

    step "$act: cutter approve: SG_1 ($sg1_request) and the execution ruling ($ruling_request)"
    sg1_approval="$(approve "$sg1_request" "CI operator path ($act): cut authorized.")"
    ruling="$(approve "$ruling_request" "CI operator path ($act): execution flip authorized for this run.")"
    [ -n "$sg1_approval" ] && [ -n "$ruling" ] || fail "$act: approve did not print the approval ids"

    step "$act: cutter resume (phases 5-9, pauses at SG_2)"
    out="$(cutter resume --run-id "$RUN_ID" --approval "$sg1_approval" --ruling "$ruling")" && rc=0 || rc=$?
    [ "$rc" -eq 7 ] || fail "$act: cutter resume after SG_1 exited $rc, not 7 (paused at SG_2)"
    echo "$out"
    sg2_request="$(echo "$out" | sed -n 's/^request SG_2_lifecycle_authz: //p' | head -1)"
    if [ -z "$sg2_request" ]; then
        sg2_request="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["gates"]["SG_2_lifecycle_authz"]["request_kb_id"])' "$RUN_DIR/runs/$RUN_ID/state.json")"
    fi
    [ -n "$sg2_request" ] || fail "$act: no SG_2 request after the first resume"

    step "$act: cutter approve: SG_2 ($sg2_request)"
    sg2_approval="$(approve "$sg2_request" "CI operator path ($act): enactment authorized.")"
    [ -n "$sg2_approval" ] || fail "$act: approve did not print the SG_2 approval id"

    step "$act: cutter resume (phases 10-11, closeout)"
    cutter resume --run-id "$RUN_ID" --approval "$sg2_approval" || fail "$act: cutter resume after SG_2"

    step "$act: cutter verify --run-id $RUN_ID (the same checks, as a table; exit 4 if any fails)"
    cutter verify --run-id "$RUN_ID" || fail "$act: cutter verify"
}

drive_run "first act"

REPORT="$(ls "$RUN_DIR/runs/$RUN_ID"/verification-report-[0-9]*.json | sort | tail -n 1)"
step "cutter audit verify (every chain verifies; the database chains end in the heads the signed report recorded)"
AUDIT="$(cutter audit verify)" || fail "cutter audit verify"
echo "$AUDIT"
python3 - "$REPORT" "$AUDIT" <<'PY' || fail "the audit heads differ from the signed report's"
import json, sys
report = json.load(open(sys.argv[1]))
printed = sys.argv[2].splitlines()
# The database's heads: the transparency log and the frozen chain-v1 prefixes (an empty one prints "(empty)").
for head in report["audit_chains"]["heads"]:
    if head["chain"] == "transparency-log" or head["chain"].startswith("cutter_"):
        line = f'{head["chain"]}: {head["rows"]} rows, head {head["head"] if head["head"] is not None else "(empty)"}'
        if line not in printed:
            sys.exit(f"not printed by cutter audit verify: {line}")
        print(f"matches the signed report: {head['chain']}")
PY

step "post-run gate: CUTTER_VERIFY_RUN_ID=$RUN_ID dotnet test verification"
CUTTER_VERIFY_RUN_ID="$RUN_ID" dotnet test "$ROOT/verification/Cutter.Verification.csproj" --no-build -nologo 2>&1 | tail -4
[ "${PIPESTATUS[0]}" -eq 0 ] || fail "dotnet test verification"

step "ssh-keygen -Y verify on $REPORT"
ssh-keygen -Y verify -f "$RUN_DIR/allowed_signers" -I verifier@rehearsal -n cutter-report -s "$REPORT.sig" < "$REPORT" \
    || fail "the report's signature does not verify"
TAMPERED="$WORK/tampered-report.json"
sed '0,/"passed": true/s//"passed": false/; 0,/"verdict": "pass"/s//"verdict": "fail"/' "$REPORT" > "$TAMPERED"
if ssh-keygen -Y verify -f "$RUN_DIR/allowed_signers" -I verifier@rehearsal -n cutter-report -s "$REPORT.sig" < "$TAMPERED" >/dev/null 2>&1; then
    fail "a tampered copy of the report verified"
fi
echo "a tampered copy of the report is rejected, as it must be"

ENACTMENT_RUN="$RUN_ID"
step "second act: the operator edits $DOCUMENT's source (the amended sample charter: docs/amendments.md)"
cp "$ROOT/src/Cutter.Rehearsal/Samples/amendments/$DOCUMENT.md" "$KB_ROOT/$DOCUMENT.md"
SURVEY_BEFORE="$(cutter show "$DOCUMENT")" || fail "cutter show $DOCUMENT before the amendment"
echo "$SURVEY_BEFORE"
drive_run "second act (amendment)"
AMENDMENT_RUN="$RUN_ID"
[ "$AMENDMENT_RUN" != "$ENACTMENT_RUN" ] || fail "the second act did not start a new run"

step "second act: post-run gate on the amendment run: CUTTER_VERIFY_RUN_ID=$AMENDMENT_RUN dotnet test verification"
CUTTER_VERIFY_RUN_ID="$AMENDMENT_RUN" dotnet test "$ROOT/verification/Cutter.Verification.csproj" --no-build -nologo 2>&1 | tail -4
[ "${PIPESTATUS[0]}" -eq 0 ] || fail "dotnet test verification on the amendment run"

step "second act: cutter revert of the amendment run $AMENDMENT_RUN (SG_3 request, signed approval, revert)"
OUT="$(cutter revert --run-id "$AMENDMENT_RUN")" && rc=0 || rc=$?
[ "$rc" -eq 7 ] || fail "cutter revert (request) exited $rc, not 7"
echo "$OUT"
SG3_REQUEST="$(echo "$OUT" | sed -n 's/^request SG_3_escalation_authz: //p' | head -1)"
[ -n "$SG3_REQUEST" ] || fail "cutter revert did not print the SG_3 request"
SG3_APPROVAL="$(approve "$SG3_REQUEST" "CI operator path: revert the amendment.")"
cutter revert --run-id "$AMENDMENT_RUN" --approval "$SG3_APPROVAL" || fail "cutter revert --approval"
SURVEY_AFTER="$(cutter show "$DOCUMENT")" || fail "cutter show $DOCUMENT after the revert"
[ "$SURVEY_AFTER" = "$SURVEY_BEFORE" ] || fail "the revert did not restore $DOCUMENT hash-exact: before [$SURVEY_BEFORE] after [$SURVEY_AFTER]"
echo "$DOCUMENT after the revert equals its state before the amendment: $SURVEY_AFTER"
cutter verify --run-id "$AMENDMENT_RUN" || fail "cutter verify of the reverted amendment"

step "done: runs $ENACTMENT_RUN (enactment) and $AMENDMENT_RUN (amendment, reverted) verified; report $REPORT"
