using System.Security.Cryptography;
using System.Text;
using Cutter.Cutting;
using Xunit;

namespace Cutter.Tests.Cutting;

/// <summary>
/// The cutter's eight-lane SHA-256 against the platform's (OpenSSL) on every length up to past the lane limit, on
/// random lengths to 10k, on the padding boundaries (55/56 and 119/120 bytes decide whether the length fits in the
/// last block) and on the FIPS 180-4 examples; any wrong word in any lane fails here before a cut could use it.
/// </summary>
public class MultiBufferSha256Tests
{
    [Fact]
    public void EveryLengthUpToPastTheLaneLimit_MatchesThePlatform()
    {
        // 0..1100 bytes: one to seventeen blocks, so every lane group size and the one-by-one path for longer messages.
        AssertMatchesPlatform(Enumerable.Range(0, 1101).ToArray(), seed: 1);
    }

    [Fact]
    public void RandomLengthsTo10k_MatchThePlatform()
    {
        var random = new Random(17);
        AssertMatchesPlatform(Enumerable.Range(0, 3000).Select(_ => random.Next(0, 10_001)).ToArray(), seed: 2);
    }

    [Theory]
    [InlineData(55)]
    [InlineData(56)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(119)]
    [InlineData(120)]
    public void BlockBoundaryLengths_InAFullGroupAndAlone_MatchThePlatform(int length)
    {
        AssertMatchesPlatform(Enumerable.Repeat(length, 8).ToArray(), seed: length); // one full group of eight lanes
        AssertMatchesPlatform(Enumerable.Repeat(length, 9).ToArray(), seed: length); // a full group and a group of one
        AssertMatchesPlatform([length], seed: length);
    }

    [Theory]
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    public void FipsExamples_HashToTheirPublishedDigests(string message, string expected)
    {
        var digest = new byte[32];

        MultiBufferSha256.Hash(Encoding.ASCII.GetBytes(message), digest);

        Assert.Equal(expected, Convert.ToHexStringLower(digest));
    }

    [Fact]
    public void TooSmallADigestBuffer_IsRefusedBeforeAnythingIsWritten()
    {
        var digests = new byte[63];

        var error = Assert.Throws<ArgumentException>(() => MultiBufferSha256.Hash(new byte[10], [4, 10], digests));

        Assert.Contains("room for 1 digests, 2 messages", error.Message, StringComparison.Ordinal);
        Assert.All(digests, b => Assert.Equal(0, b));
    }

    [Fact]
    public void ContentHash_HashesEachTextsUtf8Bytes_AndCountsThem()
    {
        string[] contents = ["", "Điều 1. Phạm vi điều chỉnh", new string('x', 5000), "1. One."];
        var digests = new byte[contents.Length * 32];
        var counts = new int[contents.Length];
        using var hash = new ContentHash();

        hash.Hash(contents, digests, counts);

        for (var i = 0; i < contents.Length; i++)
        {
            var bytes = Encoding.UTF8.GetBytes(contents[i]);
            Assert.Equal(bytes.Length, counts[i]);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), Convert.ToHexStringLower(digests.AsSpan(i * 32, 32)));
        }
    }

    [Fact]
    public void ContentHash_RefusesMoreThanAWindow()
    {
        using var hash = new ContentHash();
        var contents = Enumerable.Repeat("a", ContentHash.WindowUnits + 1).ToArray();

        var error = Assert.Throws<ArgumentException>(() => hash.Hash(contents, new byte[contents.Length * 32], new int[contents.Length]));

        Assert.Contains("at most 1024", error.Message, StringComparison.Ordinal);
    }

    private static void AssertMatchesPlatform(int[] lengths, int seed)
    {
        var random = new Random(seed);
        var data = new byte[lengths.Sum()];
        random.NextBytes(data);
        var ends = new int[lengths.Length];
        var at = 0;
        for (var i = 0; i < lengths.Length; i++)
        {
            at += lengths[i];
            ends[i] = at;
        }
        var digests = new byte[lengths.Length * 32];

        MultiBufferSha256.Hash(data, ends, digests);

        for (var i = 0; i < lengths.Length; i++)
        {
            var expected = SHA256.HashData(data.AsSpan(ends[i] - lengths[i], lengths[i]));
            Assert.True(expected.AsSpan().SequenceEqual(digests.AsSpan(i * 32, 32)),
                $"message {i} of {lengths[i]} bytes: expected {Convert.ToHexStringLower(expected)}, got {Convert.ToHexStringLower(digests.AsSpan(i * 32, 32))}");
        }
    }
}
