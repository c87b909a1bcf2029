using System.Globalization;

namespace Cutter.Benchmarks.Results;

/// <summary>
/// The write path measured through the real CLI (phases 7 + 8 + 10 from the phase ledger of a whole live run,
/// <c>--live-run-timeline</c>): one row per run, <c>units,seconds</c>, read back by <c>--report</c> for the plot.
/// </summary>
internal static class CliWritePathRows
{
    public const string Header = "units,write_path_seconds";

    public static IReadOnlyList<(double Units, double Seconds)> Load(string path)
    {
        var rows = new List<(double, double)>();
        foreach (var line in File.ReadLines(path).Skip(1).Where(l => l.Length > 0))
        {
            var cells = line.Split(',');
            if (cells.Length != 2
                || !double.TryParse(cells[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var units)
                || !double.TryParse(cells[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            {
                throw new InvalidDataException($"{path}: '{line}' is not '{Header}'");
            }
            rows.Add((units, seconds));
        }
        return rows;
    }
}
