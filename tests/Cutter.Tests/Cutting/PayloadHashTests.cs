using System.Security.Cryptography;
using Cutter.Cutting;
using Cutter.Rehearsal.Seeding;
using Xunit;

namespace Cutter.Tests.Cutting;

/// <summary>The cut takes the payload sha as it makes the units (<see cref="PayloadHash"/>): it must be the sha of the whole serialization.</summary>
public class PayloadHashTests
{
    [Fact]
    public void TheCutsStreamedPayloadSha_IsTheShaOfTheWholeSerialization_AcrossManyChunks()
    {
        var set = DocumentCutter.Cut(TestDocuments.FromText(GeneratedCharter.Benchmark(300), "KB-1"), CuttingOptions.Default);
        var serialization = PayloadSerializer.Serialize(set.DocumentCode, set.Units);

        Assert.True(serialization.Length > 4 * 32 * 1024, $"{serialization.Length} bytes: the serialization must span several chunks");
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(serialization)), set.PayloadSha.Hex);
        Assert.Equal(set.PayloadSha, PayloadSerializer.Sha(set.DocumentCode, set.Units));
    }

    [Fact]
    public void AUnitLeftOut_ChangesTheSha()
    {
        var set = TestDocuments.Cut("## Article 1\n\n1. One.\n2. Two.\n");

        using var payload = new PayloadHash(set.DocumentCode, set.Units.Count);
        foreach (var unit in set.Units.Take(set.Units.Count - 1))
        {
            payload.Add(unit);
        }

        Assert.NotEqual(set.PayloadSha, payload.Sha());
    }
}
