using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Cutter.Benchmarks.Results;

/// <summary>The write path's and the baselines' cost per unit (µs) against N, both on log axes (the row-by-row baseline is
/// ten times the others): a flat line means cost linear in N.</summary>
internal static class CostPlot
{
    public static void Save(ReportCsv report, IReadOnlyList<(double Units, double Seconds)> cliWritePath, string path)
    {
        var plot = new Plot();
        if (cliWritePath.Count > 0)
        {
            var cli = cliWritePath.OrderBy(p => p.Units).ToArray();
            var scatter = plot.Add.Scatter(cli.Select(p => Math.Log10(p.Units)).ToArray(), cli.Select(p => Math.Log10(p.Seconds * 1e6 / p.Units)).ToArray());
            scatter.LegendText = "live write path through the CLI (phases 7+8+10, phase ledger)";
            scatter.MarkerSize = 8;
            scatter.LineWidth = 2;
            scatter.LinePattern = LinePattern.Dashed;
        }
        foreach (var method in report.Rows.Select(r => r["Method"]).Distinct(StringComparer.Ordinal))
        {
            var points = report.Rows.Where(r => r["Method"] == method)
                .Select(r => (N: double.Parse(r["N"], CultureInfo.InvariantCulture), Seconds: ReportCsv.Seconds(r["Mean"])))
                .Where(p => p.Seconds is not null)
                .OrderBy(p => p.N)
                .ToArray();
            if (points.Length == 0) continue;
            var scatter = plot.Add.Scatter(points.Select(p => Math.Log10(p.N)).ToArray(), points.Select(p => Math.Log10(p.Seconds!.Value * 1e6 / p.N)).ToArray());
            scatter.LegendText = method.Trim('\'');
            scatter.MarkerSize = 8;
            scatter.LineWidth = 2;
        }
        plot.Axes.Bottom.TickGenerator = new NumericAutomatic
        {
            IntegerTicksOnly = true,
            MinorTickGenerator = new LogMinorTickGenerator(),
            LabelFormatter = v => Math.Pow(10, v).ToString("N0", CultureInfo.InvariantCulture),
        };
        plot.Axes.Left.TickGenerator = new NumericAutomatic
        {
            MinorTickGenerator = new LogMinorTickGenerator(),
            LabelFormatter = v => Math.Pow(10, v).ToString("N0", CultureInfo.InvariantCulture),
        };
        plot.Title("Cutter write path: cost per unit vs N (lower is better; flat = linear)");
        plot.XLabel("N (units written, log scale)");
        plot.YLabel("µs per unit (mean, log scale)");
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, 1000, 600);
    }
}
