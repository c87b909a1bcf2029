using System.CommandLine;
using System.Globalization;
using Cutter.Cli.Output;
using Cutter.Configuration;
using Cutter.Domain;
using Cutter.Store;

namespace Cutter.Cli.Commands;

/// <summary>
/// `cutter show KB-x [ADDRESS] [--at D]`: what the store holds, read through the verify lane. Without an address, the
/// document's footprint (units, versions, enacted units, content hash: the survey a revert is compared with). With
/// one, what the unit at that address said at D (default: now), the run that wrote that text, and every version that
/// ever stood there with the run that wrote it and the run that ended it (docs/amendments.md, "History queries").
/// </summary>
internal sealed class ShowCommand : Command
{
    private readonly Argument<string> _document = new("document") { Description = "The document's KB id (KB-2186)" };
    private readonly Argument<string?> _address = new("address") { Description = "A unit's address (part-1/ch-1/art-1); omit for the document's footprint", Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<string?> _at = new("--at") { Description = "The moment to read the unit at: an ISO 8601 time (2026-12-03T12:00:00Z) or a date (2026-12-03: the end of that day, UTC). Default: now" };
    private readonly Option<string?> _config = CommonOptions.Config();

    public ShowCommand() : base("show", "Show a document's footprint, or what one of its units said at a date and which run wrote it")
    {
        Arguments.Add(_document);
        Arguments.Add(_address);
        Options.Add(_at);
        Options.Add(_config);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var kbId = KbDocId.Parse(parse.GetValue(_document));
        var address = parse.GetValue(_address);
        var at = parse.GetValue(_at) is { } text ? ParseMoment(text) : DateTimeOffset.UtcNow;
        if (address is null && parse.GetValue(_at) is not null)
        {
            throw new InvalidInputException("--at", "reads one unit at a moment; name its address (cutter show KB-x ADDRESS --at D)");
        }
        var configuration = CutterConfiguration.Load(parse.GetValue(_config));
        await using var connection = await DbCommand.OpenVerifyLaneAsync(configuration, "cutter-show", cancellationToken);
        if (address is null)
        {
            var footprint = (await DocumentSurvey.ReadAsync(connection, cancellationToken)).FirstOrDefault(d => d.KbId == kbId.Value)
                ?? throw new InvalidInputException(kbId.Value, "is not a document in the store");
            return JsonOutput.Result(parse, ExitCodes.Ok,
                () => new { Document = footprint.KbId, footprint.Code, footprint.Units, footprint.Versions, footprint.EnactedUnits, Footprint = footprint.ContentHash.ToString() },
                output => output.WriteLine($"{footprint.KbId} {footprint.Code} units {footprint.Units} versions {footprint.Versions} enacted {footprint.EnactedUnits} {footprint.ContentHash}"));
        }

        var history = await UnitHistory.ReadAsync(connection, kbId.Value, address, cancellationToken)
            ?? throw new InvalidInputException(kbId.Value, "is not a document in the store");
        if (history.Count == 0) throw new InvalidInputException(address, $"no unit of {kbId} ever stood at this address");
        var inForce = history.LastOrDefault(version => version.InForceAt(at));
        return JsonOutput.Result(parse, ExitCodes.Ok,
            () => new
            {
                Document = kbId.Value,
                Address = address,
                At = at,
                InForce = inForce is null ? null : Json(inForce),
                History = history.Select(Json),
            },
            output =>
            {
                output.WriteLine($"{kbId} {address} at {at.UtcDateTime:O}");
                if (inForce is null)
                {
                    output.WriteLine("nothing was in force at this address then");
                }
                else
                {
                    output.WriteLine($"version {inForce.VersionNo} of unit {inForce.UnitId}, written by run {inForce.RunId}, in force since {inForce.InForceFrom!.Value.UtcDateTime:O}");
                    output.WriteLine();
                    output.WriteLine(inForce.Content);
                }
                output.WriteLine();
                output.WriteLine("history (every version that stood here; the run that wrote it, and the run that ended it)");
                foreach (var version in history)
                {
                    var from = version.InForceFrom is { } f ? f.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) : "not enacted";
                    var until = version.InForceUntil is { } u ? $"until {u.UtcDateTime:O} (run {version.EndedByRunId})" : version.InForceFrom is null ? "" : "in force";
                    var moved = version.SucceedsAddress is { } origin ? $" moved from {origin}" : "";
                    output.WriteLine($"  unit {version.UnitId} v{version.VersionNo}  run {version.RunId}  from {from}  {until}{moved}  sha256 {version.ContentSha256[..16]}");
                }
            });
    }

    private static object Json(UnitVersionHistory version) => new
    {
        version.UnitId,
        version.Kind,
        version.LifecycleState,
        version.SucceedsAddress,
        version.VersionNo,
        version.Heading,
        version.Content,
        version.ContentSha256,
        RunId = version.RunId.ToString(),
        version.InForceFrom,
        version.InForceUntil,
        EndedByRunId = version.EndedByRunId?.ToString(),
    };

    /// <summary>An ISO 8601 moment; a bare date is the end of that day in UTC (what stood once the day's changes were in).</summary>
    internal static DateTimeOffset ParseMoment(string text)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return new DateTimeOffset(date.ToDateTime(TimeOnly.MaxValue), TimeSpan.Zero);
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var moment))
        {
            return moment;
        }
        throw new InvalidInputException("--at", $"'{text}' is neither an ISO 8601 time (2026-12-03T12:00:00Z) nor a date (2026-12-03)");
    }
}
