namespace Cutter.Analyzers.Tests.IndependentCorpus;

/// <summary>
/// Random text in the alphabets real issuers use (fixed seed per case, so failures reproduce). Deliberately knows
/// nothing of the analyzer's tables: every shape in this corpus is written from issuers' and providers' own
/// documentation of their formats.
/// </summary>
internal sealed class ShapeRandom(int seed)
{
    public const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    public const string Lower = "abcdefghijklmnopqrstuvwxyz";
    public const string Digits = "0123456789";
    public const string Alnum = Upper + Lower + Digits;
    public const string Hex = "0123456789abcdef";
    public const string Base64 = Alnum + "+/";
    public const string UrlSafe = Alnum + "-_";

    // Crockford base32 as ULIDs print it: no I, L, O, U.
    public const string Crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private readonly Random _random = new(seed);

    public string Of(string alphabet, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = alphabet[_random.Next(alphabet.Length)];
        }
        return new string(chars);
    }

    /// <summary>Random text guaranteed to mix upper case, lower case and digits, as issued tokens do.</summary>
    public string Mixed(string alphabet, int length)
    {
        var text = Of(alphabet, length - 3);
        return text + Of(Upper, 1) + Of(Lower, 1) + Of(Digits, 1);
    }

    public int Next(int min, int max) => _random.Next(min, max);

    public T Pick<T>(IReadOnlyList<T> options) => options[_random.Next(options.Count)];

    /// <summary>A version-4 UUID, lower or upper case.</summary>
    public string Uuid4(bool upper = false)
    {
        var text = $"{Of(Hex, 8)}-{Of(Hex, 4)}-4{Of(Hex, 3)}-{Pick(["8", "9", "a", "b"])}{Of(Hex, 3)}-{Of(Hex, 12)}";
        return upper ? text.ToUpperInvariant() : text;
    }

    /// <summary>A version-7 (time-ordered) UUID, as newer orchestrators mint run ids.</summary>
    public string Uuid7() => $"01{Of("89ab", 1)}{Of(Hex, 5)}-{Of(Hex, 4)}-7{Of(Hex, 3)}-{Pick(["8", "9", "a", "b"])}{Of(Hex, 3)}-{Of(Hex, 12)}";

    /// <summary>A ULID: 10 characters of millisecond time (first one 0-7) and 16 of randomness, Crockford base32.</summary>
    public string Ulid() => "01" + Of("0123456789ABCDEFGHJKMNPQRSTVWXYZ"[..16], 1) + Of(Crockford, 7) + Of(Crockford, 16);

    public string Date() => $"20{Next(19, 27)}{Next(1, 13):D2}{Next(1, 29):D2}";

    public string Time() => $"{Next(0, 24):D2}{Next(0, 60):D2}{Next(0, 60):D2}";

    public string Ip(string first) => $"{first}.{Next(0, 256)}.{Next(0, 256)}.{Next(1, 255)}";
}
