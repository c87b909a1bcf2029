using Cutter.Domain.Hashing;
using Npgsql;

namespace Cutter.Store;

/// <summary>
/// How the store re-hashes a unit version's stored text: in the form the row names (<c>content_hash_form</c>), with
/// <c>cutter_core.content_hash</c> (migration 0008, the one place each form's SQL is written), and only for a form
/// this build knows too. Anything else is unverifiable: it counts as a failure of its own, never as a mismatch.
/// </summary>
internal static class ContentRehash
{
    /// <summary>The parameter every statement using <see cref="Recomputed"/> binds with <see cref="AddKnownForms"/>.</summary>
    public const string KnownFormsParameter = "content_forms";

    /// <summary>
    /// The recomputed hex of the <c>cutter_core.unit_version</c> row aliased <c>v</c>, or NULL when the row's form is
    /// unknown to this build or to the store.
    /// </summary>
    public const string Recomputed =
        "CASE WHEN v.content_hash_form = ANY(@" + KnownFormsParameter + ") THEN cutter_core.content_hash(v.content_hash_form, v.content) END";

    /// <summary>The content forms this build knows, as tags.</summary>
    public static IReadOnlyList<string> KnownForms { get; } =
        HashForms.Known.Where(f => f.Family == HashForms.Content.Family).Select(f => f.Tag).ToArray();

    public static void AddKnownForms(NpgsqlCommand command) =>
        command.Parameters.AddWithValue(KnownFormsParameter, KnownForms.ToArray());
}

/// <summary>Unit versions whose content hash form could not be recomputed: unverifiable, not mismatched.</summary>
internal sealed record UnknownContentForms(long Versions, IReadOnlyList<string> Forms)
{
    public string Describe() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{Versions} unit version(s) in a content hash form this Cutter does not know: {string.Join(", ", Forms)}");
}
