using Cutter.Domain.Hashing;
using Cutter.Domain;
using Npgsql;

namespace Cutter.Store;

/// <summary>
/// The canonical list of every privilege the lanes hold (and the NOLOGIN governor that owns the governed-write
/// functions of 0009, so a governor that could log in, or held a new privilege, changes the sha too), read from the catalogs, one line each, sorted
/// (ordinal), joined with '\n'; its SHA-256 is what configuration pins. Lines carry no OIDs, owner names or
/// database names, so the same schema gives the same sha on every install. The sha is <c>sha256:grants-v1</c>.
/// </summary>
internal sealed record GrantMatrix(IReadOnlyList<string> Lines, VersionedHash Sha)
{
    public const string PinSetting = "orchestrator.expected_grant_matrix_sha";

    /// <summary>Reads the configured pin (tagged, or untagged from before tags: grants-v1).</summary>
    public static VersionedHash ParsePin(string pin) => VersionedHash.Parse(pin, HashForms.Grants.Family, PinSetting);

    /// <summary>
    /// The live matrix's sha in the form a pin was made in, so a pin made by an older Cutter is checked as it was made.
    /// A form this Cutter does not compute is refused, naming it.
    /// </summary>
    public VersionedHash ShaIn(HashForm form) => form == HashForms.GrantsV1
        ? Sha
        : throw new InvalidInputException(PinSetting, $"the pin was made in {form}, which this Cutter does not compute (it makes {HashForms.GrantsV1}); re-pin from `cutter db grant-matrix`");

    /// <summary>Whether the live matrix hashes to <paramref name="pin"/>, compared in the pin's form.</summary>
    public bool MatchesPin(VersionedHash pin) => ShaIn(pin.Form).Matches(pin, PinSetting);

    /// <summary>
    /// Line shapes: <c>role|ROLE|attr=value,...</c>, <c>member|ROLE|of=OTHER</c>, <c>database|ROLE|PRIV</c>,
    /// <c>schema|NAME|ROLE|PRIV</c>, <c>table|kind|SCHEMA.NAME|ROLE|PRIV</c>, <c>column|SCHEMA.TABLE.COLUMN|ROLE|PRIV</c>,
    /// <c>function|SCHEMA.NAME(ARGS)|ROLE|PRIV</c>. PUBLIC grants on Cutter's objects count too.
    /// </summary>
    public const string CatalogQuery = """
        WITH lanes AS (
            SELECT oid, rolname FROM pg_roles WHERE rolname IN ('cutter_exec', 'cutter_verify', 'cutter_governor')
        ),
        grantees AS (
            SELECT oid, rolname FROM lanes
            UNION ALL SELECT 0::oid, 'PUBLIC'
        ),
        cutter_schemas AS (
            SELECT oid, nspname, nspacl, nspowner FROM pg_namespace WHERE nspname IN ('cutter_core', 'cutter_governance')
        )
        SELECT 'role|' || r.rolname || '|super=' || r.rolsuper || ',createrole=' || r.rolcreaterole || ',createdb=' || r.rolcreatedb
               || ',replication=' || r.rolreplication || ',bypassrls=' || r.rolbypassrls || ',inherit=' || r.rolinherit || ',login=' || r.rolcanlogin
        FROM pg_roles r JOIN lanes l ON l.oid = r.oid
        UNION ALL
        SELECT 'member|' || m.rolname || '|of=' || g.rolname
        FROM pg_auth_members am JOIN pg_roles m ON m.oid = am.member JOIN pg_roles g ON g.oid = am.roleid
        WHERE m.rolname IN ('cutter_exec', 'cutter_verify') OR g.rolname IN ('cutter_exec', 'cutter_verify')
        UNION ALL
        SELECT 'database|' || g.rolname || '|' || a.privilege_type
        FROM pg_database d, aclexplode(coalesce(d.datacl, acldefault('d', d.datdba))) a JOIN lanes g ON g.oid = a.grantee
        WHERE d.datname = current_database()
        UNION ALL
        SELECT 'schema|' || s.nspname || '|' || g.rolname || '|' || a.privilege_type
        FROM cutter_schemas s, aclexplode(coalesce(s.nspacl, acldefault('n', s.nspowner))) a JOIN grantees g ON g.oid = a.grantee
        UNION ALL
        SELECT 'table|' || c.relkind::text || '|' || s.nspname || '.' || c.relname || '|' || g.rolname || '|' || a.privilege_type
        FROM pg_class c JOIN cutter_schemas s ON s.oid = c.relnamespace,
             aclexplode(coalesce(c.relacl, acldefault(CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END::"char", c.relowner))) a
             JOIN grantees g ON g.oid = a.grantee
        WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
        UNION ALL
        SELECT 'column|' || s.nspname || '.' || c.relname || '.' || at.attname || '|' || g.rolname || '|' || a.privilege_type
        FROM pg_attribute at JOIN pg_class c ON c.oid = at.attrelid JOIN cutter_schemas s ON s.oid = c.relnamespace,
             aclexplode(at.attacl) a JOIN grantees g ON g.oid = a.grantee
        WHERE at.attacl IS NOT NULL AND at.attnum > 0 AND NOT at.attisdropped
        UNION ALL
        SELECT 'function|' || s.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')|' || g.rolname || '|' || a.privilege_type
        FROM pg_proc p JOIN cutter_schemas s ON s.oid = p.pronamespace,
             aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a JOIN grantees g ON g.oid = a.grantee
        """;

    public static async Task<GrantMatrix> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken = default)
    {
        var lines = new List<string>();
        await using (var command = new NpgsqlCommand(CatalogQuery, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                lines.Add(reader.GetString(0));
            }
        }
        return FromLines(lines);
    }

    public static GrantMatrix FromLines(IEnumerable<string> lines)
    {
        var sorted = lines.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return new GrantMatrix(sorted, VersionedHash.Of(HashForms.GrantsV1, string.Join('\n', sorted)));
    }

    public string Canonical => string.Join('\n', Lines);
}
