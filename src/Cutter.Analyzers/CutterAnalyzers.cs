using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Cutter.Analyzers
{
    /// <summary>
    /// Every analyzer this assembly ships, for hosts that run them outside the compiler (<c>cutter scan</c>), so the
    /// build and the scan run the same set.
    /// </summary>
    public static class CutterAnalyzers
    {
        public static ImmutableArray<DiagnosticAnalyzer> All { get; } = ImmutableArray.Create<DiagnosticAnalyzer>(new HardCodedValueAnalyzer(), new UnjustifiedSuppressionAnalyzer());
    }
}
