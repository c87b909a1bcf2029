using Cutter.Configuration;
using Cutter.Domain;

namespace Cutter.Cutting;

/// <summary>
/// Limits the cutter enforces. Validated when a cut starts; the defaults suit constitutions and charters, and a
/// run takes them from the <c>orchestrator</c> section (<see cref="From"/>, docs/configuration.md#caps).
/// </summary>
public sealed record CuttingOptions
{
    public static CuttingOptions Default { get; } = new();

    /// <summary>A document larger than this is refused before it is parsed (8 MiB; <c>orchestrator.max_document_bytes</c>).</summary>
    public long MaxDocumentBytes { get; init; } = DocumentCaps.DefaultMaxDocumentBytes;

    /// <summary>A single line longer than this is refused (64 KiB; <c>orchestrator.max_line_bytes</c>): no legal text needs it, a hostile one does.</summary>
    public int MaxLineBytes { get; init; } = DocumentCaps.DefaultMaxLineBytes;

    /// <summary>A unit whose normalized content is larger than this is an error (64 KiB; <c>orchestrator.max_unit_bytes</c>).</summary>
    public int MaxUnitBytes { get; init; } = DocumentCaps.DefaultMaxUnitBytes;

    /// <summary>Markdown nested deeper than this is refused before Markdig parses it (32; <c>orchestrator.max_nesting_depth</c>).</summary>
    public int MaxNestingDepth { get; init; } = DocumentCaps.DefaultMaxNestingDepth;

    /// <summary>At most this many diagnostics of one code are reported, so a hostile file cannot flood the report.</summary>
    public int MaxDiagnosticsPerCode { get; init; } = 20;

    /// <summary>The caps configured in the <c>orchestrator</c> section.</summary>
    /// <exception cref="InvalidInputException">A cap is not positive; the error names its key.</exception>
    public static CuttingOptions From(OrchestratorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        RequirePositive(settings.MaxDocumentBytes, DocumentCaps.MaxDocumentBytesKey);
        RequirePositive(settings.MaxLineBytes, DocumentCaps.MaxLineBytesKey);
        RequirePositive(settings.MaxUnitBytes, DocumentCaps.MaxUnitBytesKey);
        RequirePositive(settings.MaxNestingDepth, DocumentCaps.MaxNestingDepthKey);
        return new CuttingOptions
        {
            MaxDocumentBytes = settings.MaxDocumentBytes,
            MaxLineBytes = settings.MaxLineBytes,
            MaxUnitBytes = settings.MaxUnitBytes,
            MaxNestingDepth = settings.MaxNestingDepth,
        };
    }

    public void Validate()
    {
        if (MaxDocumentBytes <= 0) throw new InvalidInputException("cutting option MaxDocumentBytes", $"{MaxDocumentBytes} must be positive");
        if (MaxLineBytes <= 0) throw new InvalidInputException("cutting option MaxLineBytes", $"{MaxLineBytes} must be positive");
        if (MaxUnitBytes <= 0) throw new InvalidInputException("cutting option MaxUnitBytes", $"{MaxUnitBytes} must be positive");
        if (MaxNestingDepth <= 0) throw new InvalidInputException("cutting option MaxNestingDepth", $"{MaxNestingDepth} must be positive");
        if (MaxDiagnosticsPerCode <= 0) throw new InvalidInputException("cutting option MaxDiagnosticsPerCode", $"{MaxDiagnosticsPerCode} must be positive");
    }

    private static void RequirePositive(long value, string key)
    {
        if (value <= 0) throw new InvalidInputException(DocumentCaps.Qualified(key), $"{value} must be positive");
    }
}
