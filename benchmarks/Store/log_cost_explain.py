#!/usr/bin/env python3
"""The transparency log's cost on enact, measured with EXPLAIN ANALYZE in one psql session (benchmarks/README.md,
"Transparency log"). Far less load-sensitive than wall time: each "log on" statement reports its own log-trigger time,
so its ratio to the same statement without that time does not move with the machine's load between runs.

Usage: PGHOST=... PGPORT=... PGDATABASE=... PGUSER=... benchmarks/Store/log_cost_explain.py SIZES ROUNDS [--with-0010]
  SIZES   comma-separated unit counts (e.g. 10000,100000,1000000)
  ROUNDS  rounds per size; each round runs the enact with the log's lifecycle triggers off and on (and, with
          --with-0010, with 0010's leaf function), in rotating order, each in a transaction that is rolled back.
The database must be a throwaway store with every migration applied (as a superuser: the script seeds one run per
size directly). Prints per size: mean wall time off/on, the paired on/off ratio, the log triggers' own time and the
within-statement ratio (statement time / (statement time - log trigger time)), each with its standard deviation.
"""
import json, os, re, statistics, subprocess, sys

sizes = [int(x) for x in sys.argv[1].split(',')]
rounds = int(sys.argv[2])
cases = ['off', 'on', 'v0'] if '--with-0010' in sys.argv else ['off', 'on']

def psql(script):
    return subprocess.run(['psql', '-X', '-v', 'ON_ERROR_STOP=1'], input=script, capture_output=True, text=True, check=True).stdout

def run_id(n):
    return f"00000000-0000-0000-0000-{n:012d}"

def decision_id(n):
    return f"99999999-0000-0000-0000-{n:012d}"

seed = []
for n in sizes:
    r, d = run_id(n), decision_id(n)
    seed.append(f"""
DO $$ BEGIN
IF NOT EXISTS (SELECT 1 FROM cutter_governance.run WHERE run_id = '{r}') THEN
    INSERT INTO cutter_core.document (kb_id, code, title) VALUES ('KB-{n}', 'COST-{n}', 'log cost {n}');
    INSERT INTO cutter_governance.run SELECT '{r}', document_id, 'live', 'bench', repeat('a', 64), {n}, 'running', now(), now()
        FROM cutter_core.document WHERE kb_id = 'KB-{n}';
    INSERT INTO cutter_governance.execution_flag (enabled, run_id, changed_at) VALUES (true, '{r}', now());
    INSERT INTO cutter_governance.review_decision (review_decision_id, run_id, gate, approval_kb_id, approval_sha256, payload_sha, signer, signed_utc, recorded_at)
        VALUES ('{d}', '{r}', 'SG_2_lifecycle_authz', 'KB-1', md5('{r}') || md5('{d}'), repeat('a', 64), 'bench', now(), now());
    INSERT INTO cutter_core.information_unit (document_id, address, ordinal, kind, lifecycle_state, run_id)
        SELECT document_id, 'a-' || g, g, 'article', 'draft', '{r}' FROM cutter_core.document, generate_series(1, {n}) g WHERE kb_id = 'KB-{n}';
END IF;
END $$;""")
seed.append("VACUUM ANALYZE;")
if 'v0' in cases:
    here = os.path.dirname(os.path.abspath(__file__))
    source = open(os.path.join(here, '..', '..', 'src', 'Cutter', 'Store', 'Migrations', '0010_transparency_log.sql')).read()
    v0 = re.search(r"CREATE FUNCTION cutter_governance\.log_lifecycle_insert\(\).*?\n\$\$;\n", source, re.S).group(0)
    seed.append(v0.replace('CREATE FUNCTION cutter_governance.log_lifecycle_insert()', 'CREATE OR REPLACE FUNCTION cutter_governance.log_lifecycle_insert_v0()', 1))
psql('\n'.join(seed))

script = ["\\o /dev/null"]
for n in sizes:
    for i in range(rounds):
        for case in cases[i % len(cases):] + cases[:i % len(cases)]:
            script += ["\\o /dev/null", "BEGIN;"]
            if case == 'off':
                script.append("ALTER TABLE cutter_core.lifecycle_log DISABLE TRIGGER lifecycle_log_log_begin, DISABLE TRIGGER lifecycle_log_log_entry;")
            if case == 'v0':
                script.append("CREATE OR REPLACE TRIGGER lifecycle_log_log_entry AFTER INSERT ON cutter_core.lifecycle_log REFERENCING NEW TABLE AS new_rows "
                              "FOR EACH STATEMENT EXECUTE FUNCTION cutter_governance.log_lifecycle_insert_v0();")
            script += ["\\o", f"\\echo CASE {n} {case}",
                       f"EXPLAIN (ANALYZE, SUMMARY ON) UPDATE cutter_core.information_unit SET lifecycle_state = 'enacted' WHERE run_id = '{run_id(n)}' AND lifecycle_state = 'draft';",
                       "EXPLAIN (ANALYZE, SUMMARY ON) INSERT INTO cutter_core.lifecycle_log (iu_id, from_state, to_state, run_id, review_decision_id, at) "
                       f"SELECT iu_id, 'draft', 'enacted', run_id, '{decision_id(n)}', now() FROM cutter_core.information_unit WHERE run_id = '{run_id(n)}';",
                       "ROLLBACK;"]
out = psql('\n'.join(script))

def sd(values):
    return statistics.stdev(values) if len(values) > 1 else 0.0

results = {}
for block in out.split('CASE ')[1:]:
    n, case = block.split('\n', 1)[0].split()
    total = sum(float(x) for x in re.findall(r'Execution Time: ([0-9.]+) ms', block))
    log = sum(float(x) for x in re.findall(r'Trigger lifecycle_log_log_(?:begin|entry): time=([0-9.]+)', block))
    results.setdefault(int(n), {}).setdefault(case, []).append((total, log))
for n, by_case in results.items():
    off = [t for t, _ in by_case['off']]
    summary = {'units': n, 'rounds': len(off), 'off_ms': statistics.mean(off), 'off_sd': sd(off)}
    for case in [c for c in cases if c != 'off']:
        on = [t for t, _ in by_case[case]]
        within = [t / (t - g) for t, g in by_case[case]]
        paired = [a / b for a, b in zip(on, off)]
        summary.update({f'{case}_ms': statistics.mean(on), f'{case}_sd': sd(on), f'{case}_log_trigger_ms': statistics.mean(g for _, g in by_case[case]),
                        f'{case}_paired_ratio': statistics.mean(paired), f'{case}_paired_sd': sd(paired),
                        f'{case}_within_ratio': statistics.mean(within), f'{case}_within_sd': sd(within)})
    print(json.dumps({k: round(v, 3) if isinstance(v, float) else v for k, v in summary.items()}), flush=True)
