using System.Globalization;

namespace Cutter.Cutting;

/// <summary>
/// Checks every numbering sequence: document-wide for parts, titles, chapters, articles and amendments; per parent
/// for sections, clauses and points. A repeated number is an error; a gap, a step backwards or a start other than 1
/// is a warning (real texts keep "Article 5 (repealed)" but excerpts and renumbered texts exist).
/// </summary>
internal static class NumberingChecker
{
    public static void Check(IReadOnlyList<DraftUnit> units, bool vietnamese, DiagnosticSink sink)
    {
        var sequences = new Dictionary<(string Scope, string Kind), Sequence>();
        foreach (var unit in units)
        {
            // Labels and places are built only for a diagnostic: a clean document has tens of thousands of units.
            int number;
            if (unit.Kind == UnitKinds.Point)
            {
                number = PointAlphabet.Position(unit.Letter!, vietnamese);
                if (number == 0)
                {
                    sink.Add(CutDiagnosticRules.SkippedNumbering, unit.Line,
                        $"{Label(unit)} is not a letter of the {(vietnamese ? "Vietnamese" : "English")} point alphabet");
                    continue;
                }
            }
            else if (unit.Number is { } n)
            {
                number = n;
            }
            else
            {
                continue;
            }

            var scope = UnitKinds.IsNumberedDocumentWide(unit.Kind) ? "" : unit.Parent?.Address ?? "";
            if (unit.NumberScope.Length > 0)
            {
                scope += "#" + unit.NumberScope; // Section 1.01, 1.02 and 2.01 are two sequences
            }
            if (!sequences.TryGetValue((scope, unit.Kind), out var sequence))
            {
                sequence = new Sequence();
                sequences.Add((scope, unit.Kind), sequence);
            }
            if (sequence.FirstLines.TryGetValue(number, out var firstLine))
            {
                sink.Add(CutDiagnosticRules.DuplicateNumbering, unit.Line,
                    $"{Label(unit)} {Where(scope)} is numbered again (first at line {firstLine.ToString(CultureInfo.InvariantCulture)})");
                continue;
            }
            var expected = sequence.Last + 1;
            if (number != expected)
            {
                sink.Add(CutDiagnosticRules.SkippedNumbering, unit.Line, sequence.Last == 0
                    ? $"{Label(unit)} {Where(scope)} starts the sequence; expected {Describe(unit, expected, vietnamese)}"
                    : $"{Label(unit)} {Where(scope)} follows {Describe(unit, sequence.Last, vietnamese)}; expected {Describe(unit, expected, vietnamese)}");
            }
            sequence.FirstLines[number] = unit.Line;
            sequence.Last = number;
        }
    }

    private static string Label(DraftUnit unit) => unit.Kind == UnitKinds.Point
        ? $"point '{unit.Letter}'"
        : $"{unit.Kind} {unit.NumberText ?? unit.Number!.Value.ToString(CultureInfo.InvariantCulture)}";

    private static string Where(string scope)
    {
        var parent = scope.Split('#')[0];
        return parent.Length == 0 ? "in the document" : $"under {parent}";
    }

    private static string Describe(DraftUnit unit, int number, bool vietnamese)
    {
        if (unit.Kind != UnitKinds.Point)
        {
            return $"{unit.Kind} {unit.NumberScope}{number.ToString(CultureInfo.InvariantCulture)}";
        }
        var alphabet = vietnamese ? "abcdđeghiklmnopqrstuvxy" : "abcdefghijklmnopqrstuvwxyz";
        return number >= 1 && number <= alphabet.Length ? $"point '{alphabet[number - 1]}'" : $"point {number}";
    }

    private sealed class Sequence
    {
        public int Last { get; set; }
        public Dictionary<int, int> FirstLines { get; } = [];
    }
}
