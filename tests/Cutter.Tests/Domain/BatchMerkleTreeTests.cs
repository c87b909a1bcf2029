using System.Security.Cryptography;
using System.Text;
using Cutter.Domain;
using Cutter.Domain.Hashing;
using Xunit;

namespace Cutter.Tests.Domain;

public sealed class BatchMerkleTreeTests
{
    /// <summary>Leaves "KB-(i+1) TAB sha256:payload-v1:sha256(i)"; the expected roots were computed with Python's hashlib (RFC 9162 MTH).</summary>
    private static byte[][] Leaves(int n) => Enumerable.Range(0, n)
        .Select(i => BatchMerkleTree.LeafInput(KbDocId.Parse($"KB-{i + 1}"),
            VersionedHash.FromHex(HashForms.Payload, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(i.ToString(System.Globalization.CultureInfo.InvariantCulture)))))))
        .ToArray();

    [Theory]
    [InlineData(1, "1c8908141ee36e03d8accb913178dd3614c5dd52fb31ce1565f7062bd6a3fb8c")]
    [InlineData(2, "d976acc713db1f6bb6a5bcb40fa147ed83b4689695f25df4cee34bd997251427")]
    [InlineData(3, "32568836d1f0aed17f7f909005fe329372450e596ca975fc354a4feec7b20dda")]
    [InlineData(5, "7b57337ea12ec8526fa0461c9e5c2d181652a9d54462c9832908e5f20716b0d3")]
    [InlineData(7, "6cddcef16c16aba9788cd9dfa3d1b091a263ec3b40412f8c17a4736a2010544e")]
    public void The_root_is_the_RFC_9162_tree_hash_in_form_batch_root_v1(int n, string hex)
    {
        Assert.Equal($"sha256:batch-root-v1:{hex}", BatchMerkleTree.Root(Leaves(n)).ToString());
    }

    [Fact]
    public void Every_leaf_proves_its_inclusion_and_nothing_else_does()
    {
        for (var n = 1; n <= 9; n++)
        {
            var leaves = Leaves(n);
            var root = BatchMerkleTree.Root(leaves);
            for (var i = 0; i < n; i++)
            {
                var proof = BatchMerkleTree.InclusionProof(leaves, i);
                Assert.True(BatchMerkleTree.Verify(leaves[i], i, n, proof, root), $"leaf {i} of {n}");
                var roundTripped = BatchMerkleTree.ParseProof(BatchMerkleTree.FormatProof(proof));
                Assert.True(BatchMerkleTree.Verify(leaves[i], i, n, roundTripped, root));
                // Another document's payload, another position, or a tampered path does not verify.
                Assert.False(BatchMerkleTree.Verify(Encoding.UTF8.GetBytes("KB-99\tchanged"), i, n, proof, root));
                if (n > 1)
                {
                    Assert.False(BatchMerkleTree.Verify(leaves[i], (i + 1) % n, n, proof, root));
                    var tampered = proof.Select(p => (byte[])p.Clone()).ToArray();
                    tampered[0][0] ^= 1;
                    Assert.False(BatchMerkleTree.Verify(leaves[i], i, n, tampered, root));
                }
            }
        }
    }

    [Fact]
    public void Reordering_the_documents_changes_the_root()
    {
        var leaves = Leaves(4);
        Assert.NotEqual(BatchMerkleTree.Root(leaves), BatchMerkleTree.Root([leaves[1], leaves[0], leaves[2], leaves[3]]));
    }

    [Fact]
    public void An_empty_batch_has_no_root()
    {
        var error = Assert.Throws<InvalidInputException>(() => BatchMerkleTree.Root([]));
        Assert.Equal("batch: a batch needs at least one document", error.Message);
    }
}
