using Npgsql;

namespace Cutter.Store.Writes;

/// <summary>
/// The SQLSTATEs the store's guards and governed-write functions raise (0004, 0006, 0009; docs/audit.md), so a caller
/// classifies a refusal by its code, never by its message text.
/// </summary>
internal static class GovernedWriteRefusal
{
    public const string FlagOff = "CT001";
    public const string Immutable = "CT002";
    public const string ChainIsolation = "CT003";
    public const string Truncate = "CT010";
    public const string UnknownRun = "CT011";
    public const string RunState = "CT012";
    public const string LedgerOrder = "CT013";
    public const string BindingMismatch = "CT014";
    public const string Replay = "CT015";
    public const string EvidenceMissing = "CT016";
    public const string NoAuthorization = "CT017";

    /// <summary>Whether <paramref name="exception"/> is one of the store's governance refusals (class CT).</summary>
    public static bool Is(PostgresException exception) => exception.SqlState.StartsWith("CT", StringComparison.Ordinal);
}
