namespace Cutter.Cutting;

/// <summary>A problem found while cutting, at a 1-based line of the stored document (front matter included).</summary>
public sealed record CutDiagnostic(string Code, DiagnosticSeverity Severity, int Line, string Message)
{
    public override string ToString() =>
        $"line {Line}: {(Severity == DiagnosticSeverity.Error ? "error" : "warning")} {Code}: {Message}";
}
