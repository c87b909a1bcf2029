using System.Security.Cryptography;
using System.Text;
using Cutter.Domain;
using Cutter.Domain.Hashing;
using Npgsql;

namespace Cutter.Store;

/// <summary>
/// The store's executable surface on the governed schemas (<c>cutter_core</c>, <c>cutter_governance</c>), one line per
/// fact, sorted (ordinal), joined with '\n'; its SHA-256 in form <c>sha256:schema-v1</c> is what configuration pins beside
/// the grant matrix. It covers what the owner of the schemas could change to make a check see what it expects:
/// functions (definition, owner, SECURITY DEFINER, proconfig such as search_path, volatility), triggers (definition,
/// enabled state, and the definition of the function each calls, wherever it lives), row-level-security policies and
/// each relation's relrowsecurity/relforcerowsecurity, rules (views included), constraints and column defaults, event
/// triggers, the owner of every governed object, default privileges, and the grants on governed objects to EVERY
/// role (PUBLIC included), not only the lanes.
/// <para>
/// Definitions enter as the SHA-256 of their text (computed here, in C#), so a line names the object and the listing
/// stays short. Role names are written as they are, except the owner of <c>cutter_core</c>, written
/// <c>schema_owner</c>: installs that differ only in what the owning role is called pin the same sha.
/// </para>
/// </summary>
internal sealed record SchemaSurface(IReadOnlyList<string> Lines, VersionedHash Sha)
{
    public const string PinSetting = "orchestrator.expected_schema_sha";
    public const string ListingSetting = "orchestrator.expected_schema_listing";

    /// <summary>Each row: the line's text, and a definition (or null) whose SHA-256 is appended as <c>|def=HEX</c>.</summary>
    public const string CatalogQuery = """
        WITH governed AS (
            SELECT oid, nspname, nspowner, nspacl FROM pg_catalog.pg_namespace WHERE nspname IN ('cutter_core', 'cutter_governance')
        ),
        names AS (
            SELECT 0::oid AS oid, 'PUBLIC'::text AS name
            UNION ALL
            SELECT r.oid, CASE WHEN r.oid = (SELECT nspowner FROM pg_catalog.pg_namespace WHERE nspname = 'cutter_core')
                               THEN 'schema_owner' ELSE r.rolname::text END
            FROM pg_catalog.pg_roles r
        ),
        relations AS (
            SELECT c.oid, c.relkind, c.relowner, c.relacl, c.relrowsecurity, c.relforcerowsecurity, g.nspname || '.' || c.relname AS name
            FROM pg_catalog.pg_class c JOIN governed g ON g.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
        ),
        functions AS (
            SELECT p.oid, p.prokind, p.proowner, p.proacl, p.prosecdef, p.proconfig, p.provolatile, p.proleakproof,
                   g.nspname || '.' || p.proname || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')' AS name
            FROM pg_catalog.pg_proc p JOIN governed g ON g.oid = p.pronamespace
        )
        SELECT 'schema|' || g.nspname || '|owner=' || n.name, NULL::text
        FROM governed g JOIN names n ON n.oid = g.nspowner
        UNION ALL
        SELECT 'grant|schema|' || g.nspname || '|' || n.name || '|' || a.privilege_type || '|grantable=' || a.is_grantable, NULL
        FROM governed g, pg_catalog.aclexplode(coalesce(g.nspacl, pg_catalog.acldefault('n', g.nspowner))) a JOIN names n ON n.oid = a.grantee
        UNION ALL
        SELECT 'relation|' || r.relkind::text || '|' || r.name || '|owner=' || n.name || '|rls=' || r.relrowsecurity || '|force_rls=' || r.relforcerowsecurity, NULL
        FROM relations r JOIN names n ON n.oid = r.relowner
        UNION ALL
        SELECT 'grant|relation|' || r.name || '|' || n.name || '|' || a.privilege_type || '|grantable=' || a.is_grantable, NULL
        FROM relations r,
             pg_catalog.aclexplode(coalesce(r.relacl, pg_catalog.acldefault(CASE WHEN r.relkind = 'S' THEN 's' ELSE 'r' END::"char", r.relowner))) a
             JOIN names n ON n.oid = a.grantee
        UNION ALL
        SELECT 'grant|column|' || r.name || '.' || at.attname || '|' || n.name || '|' || a.privilege_type || '|grantable=' || a.is_grantable, NULL
        FROM relations r JOIN pg_catalog.pg_attribute at ON at.attrelid = r.oid,
             pg_catalog.aclexplode(at.attacl) a JOIN names n ON n.oid = a.grantee
        WHERE at.attacl IS NOT NULL AND at.attnum > 0 AND NOT at.attisdropped
        UNION ALL
        SELECT 'default|' || r.name || '.' || at.attname, pg_catalog.pg_get_expr(d.adbin, d.adrelid)
        FROM relations r JOIN pg_catalog.pg_attrdef d ON d.adrelid = r.oid JOIN pg_catalog.pg_attribute at ON at.attrelid = d.adrelid AND at.attnum = d.adnum
        UNION ALL
        SELECT 'constraint|' || r.name || '|' || co.conname, pg_catalog.pg_get_constraintdef(co.oid)
        FROM relations r JOIN pg_catalog.pg_constraint co ON co.conrelid = r.oid
        UNION ALL
        SELECT 'function|' || f.name || '|kind=' || f.prokind::text || '|owner=' || n.name || '|security_definer=' || f.prosecdef
               || '|config=' || coalesce(array_to_string(f.proconfig, ','), '') || '|volatile=' || f.provolatile::text || '|leakproof=' || f.proleakproof,
               CASE WHEN f.prokind IN ('f', 'p') THEN pg_catalog.pg_get_functiondef(f.oid) END
        FROM functions f JOIN names n ON n.oid = f.proowner
        UNION ALL
        SELECT 'grant|function|' || f.name || '|' || n.name || '|' || a.privilege_type || '|grantable=' || a.is_grantable, NULL
        FROM functions f, pg_catalog.aclexplode(coalesce(f.proacl, pg_catalog.acldefault('f', f.proowner))) a JOIN names n ON n.oid = a.grantee
        UNION ALL
        SELECT 'trigger|' || r.name || '|' || t.tgname || '|enabled=' || t.tgenabled::text,
               pg_catalog.pg_get_triggerdef(t.oid) || E'\n' || pg_catalog.pg_get_functiondef(t.tgfoid)
        FROM relations r JOIN pg_catalog.pg_trigger t ON t.tgrelid = r.oid
        WHERE NOT t.tgisinternal
        UNION ALL
        SELECT 'policy|' || r.name || '|' || p.polname || '|cmd=' || p.polcmd::text || '|permissive=' || p.polpermissive
               || '|roles=' || coalesce((SELECT string_agg(n.name, ',' ORDER BY n.name) FROM names n WHERE n.oid = ANY(p.polroles)), ''),
               coalesce(pg_catalog.pg_get_expr(p.polqual, p.polrelid), '') || E'\n' || coalesce(pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid), '')
        FROM relations r JOIN pg_catalog.pg_policy p ON p.polrelid = r.oid
        UNION ALL
        SELECT 'rule|' || r.name || '|' || ru.rulename || '|enabled=' || ru.ev_enabled::text, pg_catalog.pg_get_ruledef(ru.oid)
        FROM relations r JOIN pg_catalog.pg_rewrite ru ON ru.ev_class = r.oid
        UNION ALL
        SELECT 'default_privileges|' || coalesce(g.nspname, '(all schemas)') || '|' || n.name || '|' || da.defaclobjtype::text || '|' || coalesce(array_to_string(da.defaclacl, ','), ''), NULL
        FROM pg_catalog.pg_default_acl da LEFT JOIN governed g ON g.oid = da.defaclnamespace JOIN names n ON n.oid = da.defaclrole
        WHERE da.defaclnamespace = 0 OR g.oid IS NOT NULL
        UNION ALL
        SELECT 'event_trigger|' || e.evtname || '|event=' || e.evtevent || '|enabled=' || e.evtenabled::text, pg_catalog.pg_get_functiondef(e.evtfoid)
        FROM pg_catalog.pg_event_trigger e
        """;

    /// <summary>Reads the configured pin (tagged <c>sha256:schema-v1:…</c>).</summary>
    public static VersionedHash ParsePin(string pin) => VersionedHash.Parse(pin, HashForms.Schema.Family, PinSetting);

    /// <summary>Whether the live surface hashes to <paramref name="pin"/>; a pin in a form this Cutter does not make is refused, naming it.</summary>
    public bool MatchesPin(VersionedHash pin) => pin.Form == HashForms.SchemaV1
        ? Sha.Matches(pin, PinSetting)
        : throw new InvalidInputException(PinSetting, $"the pin was made in {pin.Form}, which this Cutter does not compute (it makes {HashForms.SchemaV1}); re-pin from `cutter db schema-pin`");

    public string Canonical => string.Join('\n', Lines);

    public static async Task<SchemaSurface> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken = default)
    {
        var lines = new List<string>();
        await using (var command = new NpgsqlCommand(CatalogQuery, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var line = reader.GetString(0);
                lines.Add(reader.IsDBNull(1) ? line : line + "|def=" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(reader.GetString(1)))));
            }
        }
        return FromLines(lines);
    }

    public static SchemaSurface FromLines(IEnumerable<string> lines)
    {
        var sorted = lines.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return new SchemaSurface(sorted, VersionedHash.Of(HashForms.SchemaV1, string.Join('\n', sorted)));
    }

    /// <summary>A listing written by `cutter db schema-pin --write` (one line each; blank lines and the sha line ignored).</summary>
    public static SchemaSurface ParseListing(string text) =>
        FromLines(text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0 && !l.StartsWith("sha256:", StringComparison.Ordinal)));

    /// <summary>
    /// What differs from <paramref name="reviewed"/>, by object: lines only the live surface has (<c>+</c>) and lines only
    /// the reviewed one has (<c>-</c>).
    /// </summary>
    public IReadOnlyList<string> DifferencesFrom(SchemaSurface reviewed)
    {
        var live = Lines.ToHashSet(StringComparer.Ordinal);
        var pinned = reviewed.Lines.ToHashSet(StringComparer.Ordinal);
        return reviewed.Lines.Where(l => !live.Contains(l)).Select(l => "- " + l)
            .Concat(Lines.Where(l => !pinned.Contains(l)).Select(l => "+ " + l))
            .OrderBy(l => l[2..], StringComparer.Ordinal).ThenBy(l => l, StringComparer.Ordinal).ToArray();
    }
}
