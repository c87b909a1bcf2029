namespace Cutter.Analyzers.Tests.Support;

/// <summary>
/// Secret-shaped test values built at run time. They must never appear as C# literals in this repository:
/// CUT001 runs on the tests too, and is never relaxed for them.
/// </summary>
internal static class FakeValues
{
    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string AwsAccessKeyId(int seed = 1) => "AK" + "IA" + Pick(Upper + "234567", 16, seed);

    public static string GitHubToken(int seed = 2) => "gh" + "p_" + Pick(Alnum, 36, seed);

    public static string HighEntropy(int length = 24, int seed = 3) => Pick(Alnum + "+/", length, seed);

    public static string StripeLiveKey(int seed = 4) => "sk" + "_live_" + Pick(Alnum, 24, seed);

    /// <summary>Deterministic pseudo-random text so failures reproduce.</summary>
    public static string Pick(string alphabet, int length, int seed)
    {
        var random = new Random(seed);
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = alphabet[random.Next(alphabet.Length)];
        }
        return new string(chars);
    }
}
