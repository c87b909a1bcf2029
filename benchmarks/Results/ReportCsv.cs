using System.Globalization;

namespace Cutter.Benchmarks.Results;

/// <summary>
/// One BenchmarkDotNet <c>*-report.csv</c>, read back: rows of named cells, with times (<c>"105.72 ms"</c>) and
/// sizes (<c>"71.04 KB"</c>) parsed from the units BenchmarkDotNet prints.
/// </summary>
internal sealed class ReportCsv
{
    private ReportCsv(string path, IReadOnlyList<IReadOnlyDictionary<string, string>> rows)
    {
        Path = path;
        Rows = rows;
    }

    public string Path { get; }
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Rows { get; }

    public static ReportCsv Load(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        if (lines.Length == 0) throw new InvalidDataException($"{path} is empty");
        var header = Split(lines[0]);
        var rows = lines.Skip(1).Select(Split)
            .Select(cells => (IReadOnlyDictionary<string, string>)header.Select((h, i) => (h, v: i < cells.Count ? cells[i] : ""))
                .GroupBy(x => x.h).ToDictionary(g => g.Key, g => g.First().v, StringComparer.Ordinal))
            .ToArray();
        return new ReportCsv(path, rows);
    }

    /// <summary>A time cell in seconds, or null for NA.</summary>
    public static double? Seconds(string cell)
    {
        var parts = cell.Replace(",", "", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) return null;
        return parts[1] switch
        {
            "ns" => value / 1e9,
            "us" or "µs" or "μs" => value / 1e6,
            "ms" => value / 1e3,
            "s" => value,
            "m" or "min" => value * 60,
            _ => null,
        };
    }

    /// <summary>A size cell in bytes, or null for NA or "-".</summary>
    public static double? Bytes(string cell)
    {
        var parts = cell.Replace(",", "", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) return null;
        return parts[1] switch { "B" => value, "KB" => value * 1024, "MB" => value * 1024 * 1024, "GB" => value * 1024 * 1024 * 1024, _ => null };
    }

    private static List<string> Split(string line)
    {
        var cells = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { cells.Add(current.ToString()); current.Clear(); }
            else current.Append(c);
        }
        cells.Add(current.ToString());
        return cells;
    }
}
