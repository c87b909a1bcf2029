using System.Globalization;
using System.Text;
using Cutter.Benchmarks.Store;

namespace Cutter.Benchmarks.Results;

/// <summary>
/// `--report RESULTS_DIR OUT_DIR`: turns the store benchmarks' BenchmarkDotNet CSV reports into the committed
/// results: one Markdown table per benchmark class (mean, units/s, MB/s, ratio to the class's baseline, µs per unit,
/// allocations per unit) and, for the write path, the plot of cost per unit against N (<see cref="CostPlot"/>), with
/// the write path through the CLI beside it when its rows are given.
/// </summary>
internal static class ResultsReport
{
    private static readonly string[] Classes = ["WriteThroughputBenchmarks", "BackupBenchmarks", "VerificationBenchmarks", "GrantMatrixBenchmarks"];

    /// <param name="cliWritePathCsv">Optional: the write path through the CLI (<see cref="CliWritePathRows"/>), plotted beside the cases.</param>
    public static int Run(string resultsDirectory, string outputDirectory, string? cliWritePathCsv = null)
    {
        var cliRows = cliWritePathCsv is null ? [] : CliWritePathRows.Load(cliWritePathCsv);
        Directory.CreateDirectory(outputDirectory);
        var written = 0;
        foreach (var name in Classes)
        {
            var csv = Directory.EnumerateFiles(resultsDirectory, $"*.{name}-report.csv").FirstOrDefault();
            if (csv is null) continue;
            var report = ReportCsv.Load(csv);
            var markdown = Path.Combine(outputDirectory, name + ".md");
            File.WriteAllText(markdown, Table(name, report));
            Console.WriteLine($"wrote {markdown}");
            written++;
            if (name == "WriteThroughputBenchmarks")
            {
                var png = Path.Combine(outputDirectory, "write-cost-per-unit.png");
                CostPlot.Save(report, cliRows, png);
                Console.WriteLine($"wrote {png}");
            }
        }
        if (written == 0)
        {
            Console.Error.WriteLine($"no store benchmark report (*-report.csv) under {resultsDirectory}");
            return 2;
        }
        return 0;
    }

    private static string Table(string name, ReportCsv report)
    {
        var builder = new StringBuilder();
        builder.AppendLine(CultureInfo.InvariantCulture, $"# {name}");
        builder.AppendLine();
        builder.AppendLine(CultureInfo.InvariantCulture, $"From `{Path.GetFileName(report.Path)}`. N = units written (write path) or units already in the store (safety nets).");
        builder.AppendLine("Ratio = mean / baseline mean (cost multiple); speed vs baseline = baseline mean / mean.");
        builder.AppendLine();
        builder.AppendLine("| N | Method | Mean | StdDev | Ratio | units/s | MB/s | speed vs baseline | µs/unit | alloc B/unit |");
        builder.AppendLine("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var row in report.Rows.OrderBy(r => int.Parse(r["N"], CultureInfo.InvariantCulture)))
        {
            builder.AppendLine(CultureInfo.InvariantCulture,
                $"| {int.Parse(row["N"], CultureInfo.InvariantCulture):N0} | {row["Method"].Trim('\'')} | {row["Mean"]} | {Cell(row, "StdDev")} | {Cell(row, "Ratio")} | {Cell(row, "units/s")} | {Cell(row, "MB/s")} | {Cell(row, "speed vs baseline")} | {Cell(row, "µs/unit")} | {Cell(row, "alloc B/unit")} |");
        }
        return builder.ToString();
    }

    private static string Cell(IReadOnlyDictionary<string, string> row, string column) => row.TryGetValue(column, out var value) ? value : "-";
}
