namespace Cutter.Scanning;

/// <summary>
/// One finding of <see cref="SecretScanner"/>: where (1-based line and column), which rule, how severe after
/// .editorconfig, and why. Never the value.
/// </summary>
public sealed record ScanFinding(string Path, int Line, int Column, string RuleId, string Message, ScanSeverity Severity = ScanSeverity.Error)
{
    /// <summary>The compiler's shape, <c>file:line:col: CUT00N message</c>, so editors and CI logs link to it.</summary>
    public override string ToString() => $"{Path}:{Line}:{Column}: {RuleId} {Message}";
}
