namespace Cutter.Cutting;

/// <summary>An error stops the cut plan; a warning is reported on the candidate set and the cut proceeds.</summary>
public enum DiagnosticSeverity
{
    Warning,
    Error,
}
