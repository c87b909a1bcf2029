namespace Cutter.Cutting;

/// <summary>One diagnostic the cutter can raise: its code, fixed severity, and meaning (docs/cutting.md lists each).</summary>
internal sealed record CutDiagnosticRule(string Code, DiagnosticSeverity Severity, string Meaning)
{
    public CutDiagnostic At(int line, string message) => new(Code, Severity, line, message);

    public override string ToString() => Code;
}
