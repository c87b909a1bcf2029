using System.Buffers;
using System.Security.Cryptography;
using Cutter.Domain;
using Cutter.Domain.Hashing;

namespace Cutter.Cutting.Amendments;

/// <summary>
/// The canonical serializations an amendment's approval is bound to (docs/amendments.md): the enacted state the diff
/// was made against (<c>cutter-enacted-v1</c>) and the diff itself (<c>cutter-amendment-v1</c>: every change with its
/// operation, addresses and before/after content hashes, unchanged ones included, so the sha also pins the result).
/// Fields are netstrings, records end with a newline, as in the payload serialization.
/// </summary>
internal static class AmendmentSerializer
{
    public const string EnactedVersion = "cutter-enacted-v1";
    public const string DiffVersion = "cutter-amendment-v1";

    /// <summary>The enacted state of a document: each unit's address, kind, parent, heading, version and content hash, in ordinal order.</summary>
    public static VersionedHash EnactedSha(DocumentCode documentCode, IReadOnlyList<EnactedUnit> enacted)
    {
        ArgumentNullException.ThrowIfNull(enacted);
        var output = new ArrayBufferWriter<byte>(64 + enacted.Count * 128);
        Netstrings.Field(output, EnactedVersion);
        Netstrings.Field(output, documentCode.Value);
        Netstrings.Number(output, enacted.Count);
        Netstrings.Byte(output, (byte)'\n');
        foreach (var unit in enacted.OrderBy(unit => unit.Ordinal))
        {
            Netstrings.Field(output, unit.Address);
            Netstrings.Field(output, unit.Kind);
            Netstrings.Field(output, unit.ParentAddress ?? "");
            Netstrings.Field(output, unit.Heading);
            Netstrings.Number(output, unit.VersionNo);
            Netstrings.Field(output, unit.ContentSha256);
            Netstrings.Byte(output, (byte)'\n');
        }
        return Hash(HashForms.EnactedV1, output);
    }

    /// <summary>The diff, bound to the enacted state it was made against.</summary>
    public static VersionedHash DiffSha(DocumentCode documentCode, VersionedHash enactedSha, AmendmentDiff diff)
    {
        ArgumentNullException.ThrowIfNull(diff);
        var output = new ArrayBufferWriter<byte>(128 + diff.Changes.Count * 160);
        Netstrings.Field(output, DiffVersion);
        Netstrings.Field(output, documentCode.Value);
        Netstrings.Field(output, enactedSha.ToString());
        Netstrings.Number(output, diff.Changes.Count);
        Netstrings.Byte(output, (byte)'\n');
        foreach (var change in diff.Changes)
        {
            Netstrings.Field(output, WireName(change.Operation));
            Netstrings.Field(output, change.Address);
            Netstrings.Field(output, change.Before?.Address ?? "");
            Netstrings.Field(output, change.Kind);
            Netstrings.Field(output, change.After?.ParentAddress ?? "");
            Netstrings.Field(output, change.After?.Heading ?? "");
            Netstrings.Field(output, change.BeforeSha ?? "");
            Netstrings.Field(output, change.AfterSha ?? "");
            Netstrings.Byte(output, (byte)'\n');
        }
        return Hash(HashForms.AmendmentV1, output);
    }

    public static string WireName(AmendmentOperation operation) => operation switch
    {
        AmendmentOperation.Unchanged => "unchanged",
        AmendmentOperation.Changed => "changed",
        AmendmentOperation.Added => "added",
        AmendmentOperation.Removed => "removed",
        AmendmentOperation.Moved => "moved",
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
    };

    private static VersionedHash Hash(HashForm form, ArrayBufferWriter<byte> output) =>
        VersionedHash.FromHex(form, Convert.ToHexStringLower(SHA256.HashData(output.WrittenSpan)));
}
