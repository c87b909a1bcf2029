using Cutter.Domain;

namespace Cutter.Cutting;

/// <summary>Limits the cutter enforces. Validated when a cut starts; defaults suit constitutions and charters.</summary>
public sealed record CuttingOptions
{
    public static CuttingOptions Default { get; } = new();

    /// <summary>A document larger than this is refused before it is parsed (8 MiB).</summary>
    public long MaxDocumentBytes { get; init; } = 8L * 1024 * 1024;

    /// <summary>A single line longer than this is refused (64 KiB): no legal text needs it, a hostile one does.</summary>
    public int MaxLineBytes { get; init; } = 64 * 1024;

    /// <summary>A unit whose normalized content is larger than this is an error (64 KiB).</summary>
    public int MaxUnitBytes { get; init; } = 64 * 1024;

    /// <summary>At most this many diagnostics of one code are reported, so a hostile file cannot flood the report.</summary>
    public int MaxDiagnosticsPerCode { get; init; } = 20;

    public void Validate()
    {
        if (MaxDocumentBytes <= 0) throw new InvalidInputException("cutting option MaxDocumentBytes", $"{MaxDocumentBytes} must be positive");
        if (MaxLineBytes <= 0) throw new InvalidInputException("cutting option MaxLineBytes", $"{MaxLineBytes} must be positive");
        if (MaxUnitBytes <= 0) throw new InvalidInputException("cutting option MaxUnitBytes", $"{MaxUnitBytes} must be positive");
        if (MaxDiagnosticsPerCode <= 0) throw new InvalidInputException("cutting option MaxDiagnosticsPerCode", $"{MaxDiagnosticsPerCode} must be positive");
    }
}
