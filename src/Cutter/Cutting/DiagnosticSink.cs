namespace Cutter.Cutting;

/// <summary>Collects diagnostics, capping each code so a hostile file cannot flood the report.</summary>
internal sealed class DiagnosticSink
{
    private readonly int _maxPerCode;
    private readonly List<CutDiagnostic> _all = [];
    private readonly Dictionary<string, int> _perCode = new(StringComparer.Ordinal);

    public DiagnosticSink(int maxPerCode) => _maxPerCode = maxPerCode;

    public bool HasErrors { get; private set; }

    public void Add(CutDiagnosticRule rule, int line, string message)
    {
        var count = _perCode.GetValueOrDefault(rule.Code);
        _perCode[rule.Code] = count + 1;
        HasErrors |= rule.Severity == DiagnosticSeverity.Error;
        if (count < _maxPerCode)
        {
            _all.Add(rule.At(line, message));
        }
    }

    /// <summary>True when the cap for <paramref name="rule"/> is reached and scanning for it can stop.</summary>
    public bool IsFull(CutDiagnosticRule rule) => _perCode.GetValueOrDefault(rule.Code) >= _maxPerCode;

    public IReadOnlyList<CutDiagnostic> Of(DiagnosticSeverity severity) =>
        _all.Where(d => d.Severity == severity).OrderBy(d => d.Line).ToArray();
}
