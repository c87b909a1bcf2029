using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Cutter.Cutting;
using Cutter.Domain;
using Cutter.Knowledge;
using Cutter.Rehearsal.Seeding;
using Xunit;

namespace Cutter.Tests.Cutting;

/// <summary>
/// Pins what the cutter makes of fixed inputs, taken before the cutting performance work (issue 17) and kept after it:
/// the payload sha, and a digest of the whole plan (every unit's address, ordinal, kind, parent, heading, content sha,
/// source line and content, and every warning). Any change to a cut's output, however small, fails here; a deliberate
/// one must change docs/payload-sha.md's version and these pins together.
/// </summary>
public class CutOutputPinTests
{
    [Theory]
    [InlineData("KB-2001.md", 60, "sha256:payload-v1:0182a2a238aff085e05cc32a3c633ad2c8a9e1c750acfa473f22d567628b1464", "cd717b85458a46452217444996332d778db286589c40db91309440eb0508f33d")]
    [InlineData("KB-2002.md", 21, "sha256:payload-v1:e19b3a7b7b5a232d096896ba65e30baef6c4eb8812899b1d7e57fc53ae699960", "41c2c9228b806d742fc9ce5fa398be983828b97d0cf64b95e0202b14d325ea4d")]
    [InlineData("KB-2003.md", 25, "sha256:payload-v1:1f820834885460ec83b5ce9d1d23e82e8d86c3bf34a5d8d0f75077426a93b509", "4579c431a0661a992e3cd2822b15062d1e3f4f3588b537e746f1138414d7c013")]
    [InlineData("KB-2186.md", 51, "sha256:payload-v1:56864cb85f7df310437495b8e67e6afec4d04f414b46440adddfbec5e358b7d1", "d1a644c57a034219a116fb9aa6c9e37bd460d8ede2bb9d9864f464527f20b672")]
    public void Sample_CutsToItsPinnedPayloadAndPlan(string fileName, int count, string payloadSha, string planDigest)
    {
        var set = DocumentCutter.Cut(KbDocumentReader.Read(KbDocId.Parse(fileName[..^3]), SampleKnowledgeBase.Read(fileName), null, fileName), CuttingOptions.Default);

        AssertPinned(set, count, payloadSha, planDigest);
    }

    [Theory]
    [InlineData("eu-digital-services-act-2022-excerpt.md", 25, "sha256:payload-v1:5204ac336bd6f8c3e4fa1b342388f2a1a058fa988e0fd6b094b6fefd12c1f2e6", "e706734d5ec209b001fb62e1de4c849acba289451d4fd5562c982b4e972b5bcf")]
    [InlineData("eu-gdpr-2016-excerpt.md", 37, "sha256:payload-v1:a0d1a9eb78ea172b224b98cdfa545d5bde8ad92770e49411c20d7899bc64f4f9", "fd1d64d577e08fce889663016984facd0167fd1e8d888c2dd15464f96e3fabf5")]
    [InlineData("un-udhr-1948-plain-lines.md", 70, "sha256:payload-v1:6bbf4118ef45fdedc7dcdffe40ea7cdf9632b733818d07e9522c23ab00f72eb6", "3fefc3eb1fd7e4a3d143b3065baf193256f1d609abf8f5bb3cd0e0f89506c9c4")]
    [InlineData("us-cfr-16-part-312-excerpt.md", 8, "sha256:payload-v1:aab97ce1128fe17f15ec729256de11ec48edf96d5923f26fae351ef26f1da6a0", "df40213629aae0567216e980875eee89a9d9805ce47d057aeb88bdbd4ea83265")]
    [InlineData("us-constitution-plain-lines.md", 90, "sha256:payload-v1:9d244cc37fbab94773cb03037aa78b090dfe264612c70cf3398330ffe14b686e", "91dc52b7267648b87d57282e8a4effcfdcf3aeb5eb4565808350bc3a7cf4b737")]
    [InlineData("us-constitution.md", 90, "sha256:payload-v1:9d244cc37fbab94773cb03037aa78b090dfe264612c70cf3398330ffe14b686e", "91dc52b7267648b87d57282e8a4effcfdcf3aeb5eb4565808350bc3a7cf4b737")]
    [InlineData("us-corporate-bylaws-decimal.md", 16, "sha256:payload-v1:11d23e422aed7edd79fb23b9bb00b9f66be2c520262847b44115e2cbfeb96ed7", "4bcab40849a1296aa3704a0fa8109d79f1d84191657d9d55a0f233c4d860c6b1")]
    [InlineData("vn-hien-phap-2013-chuong-1-plain-lines.md", 39, "sha256:payload-v1:0debfa73f1d950243b95ef97ce5d86c819d735e2413fe2fc9cba3d301feace40", "ff73cd4dcba01a38c7e64cd0f464b7299b7d64485003507a82d267eefba6cfbf")]
    [InlineData("vn-hien-phap-2013-chuong-1.md", 39, "sha256:payload-v1:8c6921bb7eda4cf79100aad3e06420c5c45fafb583d3bc99f39c07348294545e", "1032b3302b39b54969480dad38149b31d53d6224ff1abeaf8f20dc1fe3d3f0e3")]
    [InlineData("vn-luat-an-ninh-mang-2018-chuong-1-nfc.md", 23, "sha256:payload-v1:2fac03831d56939715a6453a0bd45c248da71129a78caf48790fe92d489801e6", "93b139c4d992e4ff609b950c7a79319487cc212c7273c18cd643120f4c92cabf")]
    [InlineData("vn-luat-an-ninh-mang-2018-chuong-1-nfd.md", 23, "sha256:payload-v1:2fac03831d56939715a6453a0bd45c248da71129a78caf48790fe92d489801e6", "93b139c4d992e4ff609b950c7a79319487cc212c7273c18cd643120f4c92cabf")]
    [InlineData("vn-luat-an-ninh-mang-2018-dieu-8.md", 15, "sha256:payload-v1:78c3ab5c16b33d378963d6445d79a4b8ebe3bf2409a479305e5ae1a25d8a035e", "8b6663c5ed4ba92b08d379c09b3e6744a45888463827fc0d23615bda059ea796")]
    public void Corpus_CutsToItsPinnedPayloadAndPlan(string fileName, int count, string payloadSha, string planDigest)
    {
        AssertPinned(DocumentCutter.Cut(TestDocuments.Corpus(fileName), CuttingOptions.Default), count, payloadSha, planDigest);
    }

    [Fact]
    public void BenchmarkCharter_CutsToItsPinnedPayloadAndPlan()
    {
        var set = DocumentCutter.Cut(TestDocuments.FromText(GeneratedCharter.Benchmark(4000), "KB-1"), CuttingOptions.Default);

        AssertPinned(set, 28_101, "sha256:payload-v1:b33eb44858cf5b479828113d42952d71b2a5ebeb02f8065ac9764f2cac3524d4", "e24e9b8ee05c48265b2be2a4a851f2578185e5f1baaa0fc2c4bcca260cdbc3ac");
    }

    [Fact]
    public void GeneratedCharter_OfUnits_CutsToItsPinnedPayloadAndPlan_WithoutWarnings()
    {
        var set = DocumentCutter.Cut(TestDocuments.FromText(GeneratedCharter.OfUnits(10_000, "KB-9001", "ICX-GEN"), "KB-9001"), CuttingOptions.Default);

        Assert.Empty(set.Warnings);
        AssertPinned(set, 10_033, "sha256:payload-v1:249d659daadb6cd75e781c318947c80eefefd9305b0e1fb1de1cc764e92db9a7", "7a679b65755bb053726c3cc18bec56e7413600920663af8ad94d86f4702438e2");
    }

    [Fact]
    public void PlanDigest_ChangesWithAnyField()
    {
        var set = TestDocuments.Cut("## Article 1. Name\n\n1. One.\n2. Two.\n");
        var digest = PlanDigest(set);

        Assert.NotEqual(digest, PlanDigest(set with { Units = [set.Units[0] with { SourceLine = set.Units[0].SourceLine + 1 }, .. set.Units.Skip(1)] }));
        Assert.NotEqual(digest, PlanDigest(set with { Units = [set.Units[0] with { Heading = "Name" }, .. set.Units.Skip(1)] }));
        Assert.NotEqual(digest, PlanDigest(set with { Units = [.. set.Units.Take(2), set.Units[2] with { Content = "2. Two!" }] }));
    }

    private static void AssertPinned(CandidateSet set, int count, string payloadSha, string planDigest)
    {
        var actual = $"{set.CandidateCount} {set.PayloadSha} {PlanDigest(set)}";
        // The message carries the whole new value (Assert.Equal would cut it short), so a deliberate change can be re-pinned.
        Assert.True(actual == $"{count} {payloadSha} {planDigest}", $"the cut's output changed: count, payload sha and plan digest are now {actual}");
    }

    /// <summary>SHA-256 over every field of every unit and every warning, each length-prefixed.</summary>
    private static string PlanDigest(CandidateSet set)
    {
        var text = new StringBuilder();
        void Field(string value) => text.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append(',');
        foreach (var unit in set.Units)
        {
            Field(unit.Address);
            Field(unit.Ordinal.ToString(CultureInfo.InvariantCulture));
            Field(unit.Kind);
            Field(unit.ParentAddress ?? "(none)");
            Field(unit.Heading);
            Field(unit.ContentSha256);
            Field(unit.SourceLine.ToString(CultureInfo.InvariantCulture));
            Field(unit.Content);
            text.Append('\n');
        }
        foreach (var warning in set.Warnings)
        {
            Field(warning.ToString());
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
