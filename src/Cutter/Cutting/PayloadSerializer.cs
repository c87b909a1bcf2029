using System.Globalization;
using System.Text;
using Cutter.Domain;

namespace Cutter.Cutting;

/// <summary>
/// The canonical serialization the payload sha is taken over (docs/payload-sha.md). Every field is a netstring,
/// <c>&lt;UTF-8 byte length&gt;:&lt;bytes&gt;,</c>, so no value can be confused with a separator; a header names the
/// format version and the document; then one record per unit in ordinal order, each ending with a newline.
/// </summary>
public static class PayloadSerializer
{
    public const string Version = "cutter-payload-v1";

    public static byte[] Serialize(DocumentCode documentCode, IReadOnlyList<CandidateUnit> units)
    {
        ArgumentNullException.ThrowIfNull(units);
        var builder = new StringBuilder(64 + units.Count * 128);
        Field(builder, Version);
        Field(builder, documentCode.Value);
        Field(builder, units.Count.ToString(CultureInfo.InvariantCulture));
        builder.Append('\n');
        foreach (var unit in units)
        {
            Field(builder, unit.Ordinal.ToString(CultureInfo.InvariantCulture));
            Field(builder, unit.Kind);
            Field(builder, unit.Address);
            Field(builder, unit.ParentAddress ?? "");
            Field(builder, unit.ContentSha256);
            builder.Append('\n');
        }
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    public static Sha256Hex Sha(DocumentCode documentCode, IReadOnlyList<CandidateUnit> units) =>
        Sha256Hex.Of(Serialize(documentCode, units));

    private static void Field(StringBuilder builder, string value) =>
        builder.Append(Encoding.UTF8.GetByteCount(value).ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append(',');
}
