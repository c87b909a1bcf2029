namespace Cutter.Store.Writes;

/// <summary>The SQL of an amendment run (docs/amendments.md, "How the store holds an amendment"), all parameterized.</summary>
internal static class AmendmentStatements
{
    /// <summary>
    /// A document's enacted units with their current version (the lowest version_no not superseded) and the heading
    /// and parent of that version (the unit row's when the version carries no heading), raw: the enacted-v1 sha is computed in C#.
    /// </summary>
    public const string EnactedState = """
        SELECT u.iu_id, u.address, u.ordinal, u.kind, p.address,
               coalesce(v.heading, u.heading), v.version_no, v.content_sha256, v.content
        FROM cutter_core.information_unit u
        JOIN LATERAL (SELECT w.version_no, w.content_sha256, w.content, w.heading, w.parent_iu_id FROM cutter_core.unit_version w
                      WHERE w.iu_id = u.iu_id AND w.superseded_run_id IS NULL ORDER BY w.version_no LIMIT 1) v ON true
        LEFT JOIN cutter_core.information_unit p ON p.iu_id = CASE WHEN v.heading IS NULL THEN u.parent_iu_id ELSE v.parent_iu_id END
        WHERE u.document_id = @document_id AND u.lifecycle_state = 'enacted'
        ORDER BY u.ordinal, u.iu_id
        """;

    /// <summary>Draft units, and versions of governed units above their current one (written by a run that never enacted them), and enacted units.</summary>
    public const string Leftovers = """
        SELECT
            (SELECT count(*) FROM cutter_core.information_unit WHERE document_id = @document_id AND lifecycle_state = 'draft'),
            (SELECT count(*) FROM cutter_core.unit_version v JOIN cutter_core.information_unit u ON u.iu_id = v.iu_id
             WHERE u.document_id = @document_id AND u.lifecycle_state <> 'draft' AND v.superseded_run_id IS NULL
               AND EXISTS (SELECT 1 FROM cutter_core.unit_version o
                           WHERE o.iu_id = v.iu_id AND o.superseded_run_id IS NULL AND o.version_no < v.version_no)),
            (SELECT count(*) FROM cutter_core.information_unit WHERE document_id = @document_id AND lifecycle_state = 'enacted')
        """;

    public const string Retire = """
        UPDATE cutter_core.information_unit SET lifecycle_state = 'retired', retired_run_id = @run_id
        WHERE iu_id = ANY(@iu_ids) AND lifecycle_state = 'enacted'
        """;

    /// <summary>Marks the current version of each changed unit superseded; the guard checks the run wrote a higher version.</summary>
    public const string Supersede = """
        UPDATE cutter_core.unit_version v SET superseded_run_id = @run_id
        FROM unnest(@iu_ids, @version_nos) AS c (iu_id, version_no)
        WHERE v.iu_id = c.iu_id AND v.version_no = c.version_no AND v.superseded_run_id IS NULL
        """;

    /// <summary>
    /// Every lifecycle row of an amendment's enactment in one statement (one log entry): retirements, new versions of
    /// changed units (enacted@vN -> enacted@vN+1), and the run's new units (draft -> enacted).
    /// </summary>
    public const string LogAmendment = """
        INSERT INTO cutter_core.lifecycle_log (iu_id, from_state, to_state, run_id, review_decision_id, at)
        SELECT t.iu_id, t.from_state, t.to_state, @run_id, @review_decision_id, @at FROM (
            SELECT u.iu_id, 'enacted' AS from_state, 'retired' AS to_state, 1 AS step
            FROM cutter_core.information_unit u WHERE u.retired_run_id = @run_id
            UNION ALL
            SELECT v.iu_id, 'enacted@v' || (v.version_no - 1), 'enacted@v' || v.version_no, 2
            FROM cutter_core.unit_version v JOIN cutter_core.information_unit u ON u.iu_id = v.iu_id
            WHERE v.run_id = @run_id AND u.run_id <> @run_id
            UNION ALL
            SELECT u.iu_id, 'draft', 'enacted', 3
            FROM cutter_core.information_unit u WHERE u.run_id = @run_id) t
        ORDER BY t.step, t.iu_id
        """;

    /// <summary>The versions a run wrote for units of other runs (the changed units), with the unit's address and the version's parent address.</summary>
    public const string AmendedVersions = """
        SELECT u.address, v.version_no, v.content_sha256, v.heading, p.address
        FROM cutter_core.unit_version v JOIN cutter_core.information_unit u ON u.iu_id = v.iu_id
        LEFT JOIN cutter_core.information_unit p ON p.iu_id = v.parent_iu_id
        WHERE v.run_id = @run_id AND u.run_id <> @run_id
        ORDER BY u.address COLLATE "C"
        """;

    /// <summary>The run's new units that succeed another unit: (address, address of the unit it succeeds).</summary>
    public const string Successions = """
        SELECT u.address, s.address FROM cutter_core.information_unit u JOIN cutter_core.information_unit s ON s.iu_id = u.succeeds_iu_id
        WHERE u.run_id = @run_id ORDER BY u.address COLLATE "C"
        """;
}
