using Cutter.Domain;
using Cutter.Domain.Hashing;
using Xunit;

namespace Cutter.Tests.Domain;

public sealed class VersionedHashTests
{
    private static readonly string Hex = new('a', 64);

    [Fact]
    public void A_tagged_hash_round_trips_through_its_text()
    {
        var hash = VersionedHash.Parse($"sha256:grants-v1:{Hex}", "grants", "pin");

        Assert.Equal(HashForms.GrantsV1, hash.Form);
        Assert.Equal(Hex, hash.Hex);
        Assert.Equal($"sha256:grants-v1:{Hex}", hash.ToString());
    }

    [Fact]
    public void An_untagged_value_is_read_as_version_1_of_its_family()
    {
        Assert.Equal(HashForms.FootprintV1, VersionedHash.Parse(Hex, "footprint", "snapshot").Form);
        Assert.Equal(HashForms.PayloadV1, VersionedHash.Parse(Hex, "payload", "payload_sha").Form);
    }

    [Fact]
    public void Hashes_of_different_forms_are_never_compared()
    {
        var v1 = VersionedHash.FromHex(HashForms.FootprintV1, Hex);
        var v2 = VersionedHash.FromHex(HashForms.FootprintV2, Hex);

        var refusal = Assert.Throws<HashFormMismatchException>(() => v1.Matches(v2, "KB-2185 footprint"));
        Assert.Equal("KB-2185 footprint: refusing to compare a sha256:footprint-v2 hash with a sha256:footprint-v1 hash (different canonical forms; see docs/hashes.md)", refusal.Message);
        Assert.Equal(HashComparison.DifferentForms, v1.CompareWith(v2));
        Assert.Equal(HashComparison.Equal, v1.CompareWith(VersionedHash.FromHex(HashForms.FootprintV1, Hex)));
        Assert.Equal(HashComparison.Different, v1.CompareWith(VersionedHash.FromHex(HashForms.FootprintV1, new string('b', 64))));
    }

    [Theory]
    [InlineData("sha256:grants-v1:" + "aa", "pin: 'aa' is not 64 lower-case hex characters")]
    [InlineData("sha256:grants:" + "0000000000000000000000000000000000000000000000000000000000000000", "pin: 'sha256:grants' is not a hash form (expected <algorithm>:<family>-v<N>, such as sha256:content-v1)")]
    [InlineData("sha256:payload-v1:" + "0000000000000000000000000000000000000000000000000000000000000000", "pin: 'sha256:payload-v1:0000000000000000000000000000000000000000000000000000000000000000' is a payload hash, not a grants hash")]
    [InlineData("ABCDEF", "pin: 'ABCDEF' is neither <form>:<64 hex> (such as sha256:grants-v1:...) nor 64 hex characters")]
    [InlineData("  ", "pin: no hash given")]
    public void Malformed_hashes_are_refused_naming_the_input(string text, string message)
    {
        var error = Assert.Throws<InvalidInputException>(() => VersionedHash.Parse(text, "grants", "pin"));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void A_form_this_build_never_made_parses_but_is_not_known()
    {
        var future = VersionedHash.Parse($"sha256:grants-v9:{Hex}", "grants", "pin");

        Assert.Equal(9, future.Form.Version);
        Assert.False(HashForms.IsKnown(future.Form));
        Assert.True(HashForms.IsKnown(HashForms.Grants));
    }

    [Fact]
    public void Every_family_has_exactly_one_current_form_and_a_version_1()
    {
        Assert.Equal(["amendment", "batch-root", "bytes", "chain", "content", "enacted", "footprint", "grants", "log-leaf", "log-root", "payload", "schema"], HashForms.Known.Select(f => f.Family).Distinct().Order(StringComparer.Ordinal));
        Assert.All(HashForms.Known.Select(f => f.Family).Distinct(), family => Assert.Equal(1, HashForms.Untagged(family).Version));
        Assert.Equal(HashForms.Known.Count, HashForms.Known.Select(f => f.Tag).Distinct().Count());
    }
}
