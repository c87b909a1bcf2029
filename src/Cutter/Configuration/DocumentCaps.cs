namespace Cutter.Configuration;

/// <summary>
/// The size caps a document meets on its way to a plan, their configuration keys (in the <c>orchestrator</c>
/// section) and their defaults. Each cap stops hostile or runaway input before it costs memory or CPU; the defaults
/// suit constitutions and charters, and an operator raises a key for a larger document (docs/configuration.md#caps).
/// </summary>
internal static class DocumentCaps
{
    public const string MaxDocumentBytesKey = "max_document_bytes";
    public const string MaxLineBytesKey = "max_line_bytes";
    public const string MaxUnitBytesKey = "max_unit_bytes";
    public const string MaxNestingDepthKey = "max_nesting_depth";

    /// <summary>8 MiB: about 87,000 units of ordinary clause text, read whole into memory before it is screened.</summary>
    public const long DefaultMaxDocumentBytes = 8L * 1024 * 1024;

    /// <summary>64 KiB: no legal text needs a longer line, a hostile one does (every scan is per line).</summary>
    public const int DefaultMaxLineBytes = 64 * 1024;

    /// <summary>64 KiB: one unit is one row version; a larger one is a cut that went wrong.</summary>
    public const int DefaultMaxUnitBytes = 64 * 1024;

    /// <summary>32: far above any governance document's nesting, far below the depth Markdig spends seconds on before it throws.</summary>
    public const int DefaultMaxNestingDepth = 32;

    /// <summary>How a refusal names the key to raise, e.g. <c>orchestrator.max_document_bytes</c>.</summary>
    public static string Qualified(string key) => OrchestratorSettings.SectionName + "." + key;

    /// <summary>The clause a refusal ends with, so the operator knows which key lifts the cap.</summary>
    public static string RaiseHint(string key) => $"raise {Qualified(key)} to allow more";

    /// <summary>The problem text of an input over a byte cap: its size, the cap, and the key that raises it.</summary>
    public static string TooLarge(long bytes, long limit, string key) => $"is {bytes} bytes; the limit is {limit}: {RaiseHint(key)}";
}
