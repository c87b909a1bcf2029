namespace Cutter.Governance.Signatures;

/// <summary>
/// Which exceptions from the crypto library mean "this input is bad" (and become a refusal naming the input),
/// as opposed to a bug or the process running out of memory, which must stay loud.
/// </summary>
internal static class CryptoFailure
{
    public static bool IsInputError(Exception ex) =>
        ex is ArgumentException or FormatException or InvalidOperationException or IOException or ArithmeticException
            or IndexOutOfRangeException or InvalidCastException or NotSupportedException
            || ex.GetType().Namespace?.StartsWith("Org.BouncyCastle", StringComparison.Ordinal) == true;
}
