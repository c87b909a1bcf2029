namespace Cutter.Cutting;

/// <summary>
/// The order of lettered points. English uses a..z; Vietnamese statutes use the Vietnamese alphabet without
/// f, j, w, z and with đ after d: a b c d đ e g h i k l m n o p q r s t u v x y.
/// </summary>
internal static class PointAlphabet
{
    private const string English = "abcdefghijklmnopqrstuvwxyz";
    private static readonly string[] Vietnamese =
        ["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y"];

    /// <summary>1-based position of <paramref name="letter"/>, or 0 when the alphabet has no such letter.</summary>
    public static int Position(string letter, bool vietnamese) =>
        vietnamese ? Array.IndexOf(Vietnamese, letter) + 1
        : letter.Length == 1 ? English.IndexOf(letter[0], StringComparison.Ordinal) + 1 : 0;

    /// <summary>The ASCII address token of a letter: itself, except đ which becomes "dd" (the Telex spelling).</summary>
    public static string AddressToken(string letter) => letter == "đ" ? "dd" : letter;
}
