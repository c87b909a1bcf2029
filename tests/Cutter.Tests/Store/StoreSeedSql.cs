namespace Cutter.Tests.Store;

/// <summary>SQL the store tests use to put a small document in place, as the owner.</summary>
internal static class StoreSeedSql
{
    public const string RunId = "5f0c7a8e-2b1d-4c3e-9a6f-1d2e3f4a5b6c";

    /// <summary>The run's flag, raised by the owner (one row per run since 0009).</summary>
    public const string RaiseFlag = $"INSERT INTO cutter_governance.execution_flag (run_id, enabled, changed_at) VALUES ('{RunId}', true, now()) ON CONFLICT (run_id) DO UPDATE SET enabled = true, changed_at = now();";

    /// <summary>The one flag row of a store made before 0009, raised.</summary>
    private const string RaiseFlagBefore0009 = "UPDATE cutter_governance.execution_flag SET enabled = true, changed_at = now();";

    /// <summary><see cref="DocumentWithEnactedAndDraftUnits"/> for a store an older release (before 0009) left.</summary>
    public static string DocumentWithEnactedAndDraftUnitsBefore0009 => DocumentWithEnactedAndDraftUnits.Replace(RaiseFlag, RaiseFlagBefore0009, StringComparison.Ordinal);

    /// <summary>One document with one enacted unit (address art-1) and one draft unit (art-2), each with a version, and a lifecycle row.</summary>
    public const string DocumentWithEnactedAndDraftUnits = $"""
        {RaiseFlag}
        INSERT INTO cutter_core.document (kb_id, code, title) VALUES ('KB-9001', 'TEST-DOC', 'Test document');
        INSERT INTO cutter_governance.review_decision (review_decision_id, run_id, gate, approval_kb_id, approval_sha256, signer, signed_utc, recorded_at)
            VALUES ('{RunId}', '{RunId}', 'SG_2_lifecycle_authz', 'KB-9002', repeat('a', 64), 'tester', now(), now());
        INSERT INTO cutter_core.information_unit (iu_id, document_id, address, ordinal, kind, lifecycle_state, run_id)
            SELECT 1, document_id, 'art-1', 1, 'article', 'enacted', '{RunId}' FROM cutter_core.document;
        INSERT INTO cutter_core.information_unit (iu_id, document_id, address, ordinal, kind, lifecycle_state, run_id)
            SELECT 2, document_id, 'art-2', 2, 'article', 'draft', '{RunId}' FROM cutter_core.document;
        INSERT INTO cutter_core.unit_version (uv_id, iu_id, version_no, content, content_sha256, run_id)
            VALUES (1, 1, 1, 'one', repeat('b', 64), '{RunId}'), (2, 2, 1, 'two', repeat('c', 64), '{RunId}');
        INSERT INTO cutter_core.lifecycle_log (iu_id, from_state, to_state, run_id, review_decision_id, at)
            VALUES (1, 'draft', 'enacted', '{RunId}', '{RunId}', now());
        SELECT setval('cutter_core.information_unit_id_seq', 100), setval('cutter_core.unit_version_id_seq', 100);
        """;
}
