using System.Globalization;
using Cutter.Cutting.Pooling;

namespace Cutter.Cutting;

/// <summary>
/// Checks every numbering sequence: document-wide for parts, titles, chapters, articles and amendments; per parent
/// for sections, clauses and points. A repeated number is an error; a gap, a step backwards or a start other than 1
/// is a warning (real texts keep "Article 5 (repealed)" but excerpts and renumbered texts exist).
/// </summary>
internal static class NumberingChecker
{
    /// <summary>At most this many kinds are remembered by reference (there are fewer kinds; a kind made anew is only looked up).</summary>
    private const int RecentKinds = 16;

    public static void Check(IReadOnlyList<DraftUnit> units, bool vietnamese, DiagnosticSink sink)
    {
        // One state per sequence, and every sequence's numbers in one shared list (each entry links to its sequence's
        // previous one): a large document has thousands of sequences of a few numbers. All three are pooled: each has
        // up to an entry a unit, a large-object-heap array per cut of a large document otherwise.
        using var sequenceIndex = new PooledHashIndex(units.Count);
        using var sequences = new PooledList<Sequence>(units.Count);
        using var numbers = new PooledList<NumberSeen>(units.Count);
        // Siblings share their parent's address string and every kind is one constant, so the last sequence of each
        // kind is found again by reference, without hashing the scope: most units continue the previous sibling's.
        var recent = new List<(string Scope, string Kind, int Index)>();
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
            var at = Find(sequenceIndex, sequences, recent, scope, unit.Kind); // before the ref: Find may add the sequence
            ref var sequence = ref sequences[at];
            if (sequence.FirstLine(numbers, number) is { } firstLine)
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
            sequence.Add(numbers, number, unit.Line);
        }
    }

    /// <summary>The index in <paramref name="sequences"/> of the sequence of (<paramref name="scope"/>, <paramref name="kind"/>), added when new.</summary>
    private static int Find(PooledHashIndex sequenceIndex, PooledList<Sequence> sequences,
        List<(string Scope, string Kind, int Index)> recent, string scope, string kind)
    {
        var slot = 0;
        while (slot < recent.Count && !ReferenceEquals(recent[slot].Kind, kind))
        {
            slot++;
        }
        if (slot < recent.Count && ReferenceEquals(recent[slot].Scope, scope))
        {
            return recent[slot].Index;
        }
        var found = sequenceIndex.FindOrAdd(new SequenceKey(sequences, scope, kind), sequences.Count);
        if (found < 0)
        {
            found = sequences.Count;
            sequences.Add(new Sequence(scope, kind));
        }
        if (slot < recent.Count)
        {
            recent[slot] = (scope, kind, found);
        }
        else if (recent.Count < RecentKinds)
        {
            recent.Add((scope, kind, found));
        }
        return found;
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

    /// <summary>A number a sequence has had, the line it was first at, and the index of the sequence's previous entry (-1 for none).</summary>
    private readonly record struct NumberSeen(int Number, int Line, int Previous);

    /// <summary>A sequence (<paramref name="scope"/>, <paramref name="kind"/>) as <see cref="PooledHashIndex"/> looks it up among the sequences.</summary>
    private readonly struct SequenceKey(PooledList<Sequence> sequences, string scope, string kind) : IPositionKey
    {
        public int Hash => HashCode.Combine(scope, kind);

        public bool IsAt(int position) => sequences[position].Scope == scope && sequences[position].Kind == kind;
    }

    /// <summary>A sequence's last and largest numbers and its latest entry in the shared list (index + 1, so 0 is none).</summary>
    private struct Sequence(string scope, string kind)
    {
        private int _latest;
        private int _largest;

        public readonly string Scope => scope;

        public readonly string Kind => kind;

        public int Last { get; private set; }

        /// <summary>The line where <paramref name="number"/> first came in this sequence, or null; a number above every earlier one is new without a search.</summary>
        public readonly int? FirstLine(PooledList<NumberSeen> numbers, int number)
        {
            if (_latest == 0 || number > _largest)
            {
                return null;
            }
            for (var at = _latest - 1; at >= 0; at = numbers[at].Previous)
            {
                if (numbers[at].Number == number)
                {
                    return numbers[at].Line;
                }
            }
            return null;
        }

        public void Add(PooledList<NumberSeen> numbers, int number, int line)
        {
            numbers.Add(new NumberSeen(number, line, _latest - 1));
            _latest = numbers.Count;
            _largest = Math.Max(_largest, number);
            Last = number;
        }
    }
}
