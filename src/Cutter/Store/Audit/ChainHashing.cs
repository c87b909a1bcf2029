using System.Security.Cryptography;
using System.Text;

namespace Cutter.Store.Audit;

/// <summary>
/// The chain-v1 link, as the database computes it in <c>cutter_governance.chain_hash</c> (migration 0006):
/// <c>sha256:chain-v1:</c> + hex(sha256(utf8(row text + TAB + previous hash or ""))). Used for the runs index,
/// which lives in a file rather than the store.
/// </summary>
internal static class ChainHashing
{
    public static readonly string VersionTag = Domain.Hashing.HashForms.ChainV1.Tag + ":";

    public static string Link(string rowText, string? previousHash) =>
        VersionTag + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(rowText + "\t" + (previousHash ?? ""))));
}
