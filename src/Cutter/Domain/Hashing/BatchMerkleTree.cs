using System.Security.Cryptography;
using System.Text;

namespace Cutter.Domain.Hashing;

/// <summary>
/// The Merkle tree of a batch's documents (form <c>sha256:batch-root-v1</c>, docs/hashes.md), hashed as RFC 9162 §2.1
/// does: leaf = SHA-256(0x00 || utf8("KB-id" TAB "tagged payload sha")), node = SHA-256(0x01 || left || right), the
/// tree split at the largest power of two below its size. One signature over the root authorizes every leaf; an
/// inclusion proof (the audit path, RFC 9162 §2.1.3) shows one document's payload is a leaf without the others.
/// The store recomputes the same root in <c>cutter_governance.batch_merkle_root</c> (0012_batches.sql).
/// </summary>
internal static class BatchMerkleTree
{
    /// <summary>The leaf input of one document: its KB id and tagged payload sha, tab-separated.</summary>
    public static byte[] LeafInput(KbDocId document, VersionedHash payloadSha) =>
        Encoding.UTF8.GetBytes(document.Value + "\t" + payloadSha);

    public static byte[] LeafHash(byte[] leafInput) => Hash(0x00, leafInput, []);

    public static byte[] NodeHash(byte[] left, byte[] right) => Hash(0x01, left, right);

    /// <summary>The root over the leaves in order; at least one leaf.</summary>
    public static VersionedHash Root(IReadOnlyList<byte[]> leafInputs)
    {
        if (leafInputs.Count == 0) throw new InvalidInputException("batch", "a batch needs at least one document");
        var leaves = leafInputs.Select(LeafHash).ToArray();
        return VersionedHash.FromHex(HashForms.BatchRoot, Convert.ToHexStringLower(Subtree(leaves, 0, leaves.Length)));
    }

    /// <summary>The audit path of leaf <paramref name="index"/> (RFC 9162 §2.1.3.1), bottom-up.</summary>
    public static IReadOnlyList<byte[]> InclusionProof(IReadOnlyList<byte[]> leafInputs, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, leafInputs.Count);
        var leaves = leafInputs.Select(LeafHash).ToArray();
        var path = new List<byte[]>();
        Path(leaves, 0, leaves.Length, index, path);
        return path;
    }

    /// <summary>
    /// Whether <paramref name="leafInput"/> is leaf <paramref name="index"/> of a tree of <paramref name="treeSize"/>
    /// leaves whose root is <paramref name="root"/> (RFC 9162 §2.1.3.2).
    /// </summary>
    public static bool Verify(byte[] leafInput, int index, int treeSize, IReadOnlyList<byte[]> proof, VersionedHash root)
    {
        if (index < 0 || index >= treeSize || root.Form != HashForms.BatchRoot) return false;
        long fn = index, sn = treeSize - 1;
        var r = LeafHash(leafInput);
        foreach (var p in proof)
        {
            if (sn == 0) return false;
            if ((fn & 1) == 1 || fn == sn)
            {
                r = NodeHash(p, r);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                r = NodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && string.Equals(Convert.ToHexStringLower(r), root.Hex, StringComparison.Ordinal);
    }

    /// <summary>A proof as the store keeps it: hex node hashes, comma-separated.</summary>
    public static string FormatProof(IReadOnlyList<byte[]> proof) => string.Join(',', proof.Select(Convert.ToHexStringLower));

    public static IReadOnlyList<byte[]> ParseProof(string text) =>
        string.IsNullOrEmpty(text) ? [] : text.Split(',').Select(Convert.FromHexString).ToArray();

    private static byte[] Subtree(byte[][] leaves, int start, int count)
    {
        if (count == 1) return leaves[start];
        var k = LargestPowerOfTwoBelow(count);
        return NodeHash(Subtree(leaves, start, k), Subtree(leaves, start + k, count - k));
    }

    private static void Path(byte[][] leaves, int start, int count, int index, List<byte[]> path)
    {
        if (count == 1) return;
        var k = LargestPowerOfTwoBelow(count);
        if (index < k)
        {
            Path(leaves, start, k, index, path);
            path.Add(Subtree(leaves, start + k, count - k));
        }
        else
        {
            Path(leaves, start + k, count - k, index - k, path);
            path.Add(Subtree(leaves, start, k));
        }
    }

    private static int LargestPowerOfTwoBelow(int n)
    {
        var k = 1;
        while (k << 1 < n) k <<= 1;
        return k;
    }

    private static byte[] Hash(byte prefix, byte[] first, byte[] second)
    {
        var buffer = new byte[1 + first.Length + second.Length];
        buffer[0] = prefix;
        first.CopyTo(buffer, 1);
        second.CopyTo(buffer, 1 + first.Length);
        return SHA256.HashData(buffer);
    }
}
