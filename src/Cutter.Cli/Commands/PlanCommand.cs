using System.CommandLine;
using System.Globalization;
using Cutter.Cli.Output;
using Cutter.Configuration;
using Cutter.Cutting;
using Cutter.Domain;
using Cutter.Knowledge;

namespace Cutter.Cli.Commands;

/// <summary>`cutter plan`: cut one document and show what a run would write, without writing anything.</summary>
internal sealed class PlanCommand : Command
{
    private readonly Argument<string> _document = new("document")
    {
        Description = "A KB id (KB-2186, read from --kb-root), a file name inside --kb-root, or a Markdown file path",
    };

    private readonly Option<DirectoryInfo?> _kbRoot = new("--kb-root")
    {
        Description = "The folder knowledge base (one KB-NNNN.md per document)",
    };

    // Optional here: only the document caps (orchestrator.max_*) are read from it, and their defaults apply without one.
    private readonly Option<string?> _config = CommonOptions.Config();

    public PlanCommand() : base("plan", "Cut a document and print its unit tree, counts per kind, candidate count and payload sha")
    {
        Arguments.Add(_document);
        Options.Add(_kbRoot);
        Options.Add(_config);
        SetAction(async (parse, cancellationToken) =>
        {
            var options = CuttingOptions.From(CutterConfiguration.LoadOrDefaults(parse.GetValue(_config)));
            var document = await LoadAsync(parse.GetValue(_document)!, parse.GetValue(_kbRoot), options.MaxDocumentBytes, cancellationToken);
            CandidateSet set;
            try
            {
                set = DocumentCutter.Cut(document, options);
            }
            catch (CutPlanInvalidException invalid) when (JsonOutput.Requested(parse))
            {
                // A machine reading --json gets the refusal as JSON on stdout too, with every diagnostic and its line.
                CliRunner.Report(parse, ErrorTaxonomy.Classify(invalid), InvalidJson(document, invalid));
                return ExitCodes.UsageError;
            }
            return JsonOutput.Result(parse, ExitCodes.Ok, () => ToJson(set), output => WriteText(set, output));
        });
    }

    private static async Task<KbDocument> LoadAsync(string document, DirectoryInfo? kbRoot, long maxDocumentBytes, CancellationToken cancellationToken)
    {
        if (KbDocId.TryParse(document, out var id))
        {
            if (kbRoot is null)
            {
                throw new InvalidInputException("--kb-root", $"is required to read {id} (or give a Markdown file path instead)");
            }
            return await new FolderKnowledgeBase(kbRoot.FullName, maxDocumentBytes).GetAsync(id, cancellationToken);
        }
        if (kbRoot is not null)
        {
            return await new FolderKnowledgeBase(kbRoot.FullName, maxDocumentBytes).GetByFileNameAsync(document, cancellationToken);
        }
        return KbDocumentReader.ReadFile(document, maxDocumentBytes);
    }

    private static void WriteText(CandidateSet set, TextWriter output)
    {
        output.WriteLine($"{set.KbId} {set.DocumentCode}: {set.Title}");
        output.WriteLine($"source_sha: {set.SourceSha}");
        output.WriteLine("units:");
        foreach (var unit in set.Units)
        {
            var depth = unit.Address.Count(c => c == '/');
            var heading = unit.Heading.Length == 0 ? "" : "  " + unit.Heading;
            var indent = new string(' ', depth * 2);
            output.WriteLine($"  {indent}{unit.Address} [{unit.Kind}]{heading}");
            var words = UnitPreview.FirstWords(unit);
            output.WriteLine(words.Length == 0 ? $"  {indent}    (no text of its own)" : $"  {indent}    \"{words}\"");
        }
        output.WriteLine("counts per kind:");
        foreach (var (kind, count) in set.CountsByKind().Where(c => c.Value > 0))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {kind,-10} {count}"));
        }
        foreach (var warning in set.Warnings)
        {
            output.WriteLine($"warning: {warning}");
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"candidate_count: {set.CandidateCount}"));
        output.WriteLine($"payload_sha: {set.PayloadSha}");
    }

    private static object ToJson(CandidateSet set) => new Dictionary<string, object?>
    {
        ["kb_id"] = set.KbId.Value,
        ["document_code"] = set.DocumentCode.Value,
        ["title"] = set.Title,
        ["source_sha"] = set.SourceSha.Value,
        ["candidate_count"] = set.CandidateCount,
        ["payload_sha"] = set.PayloadSha.ToString(),
        ["content_hash_form"] = Cutter.Domain.Hashing.HashForms.Content.Tag,
        ["payload_format"] = PayloadSerializer.Version,
        ["counts"] = set.CountsByKind(),
        ["valid"] = true,
        ["diagnostics"] = Diagnostics([], set.Warnings),
        ["warnings"] = set.Warnings.Select(w => new { code = w.Code, line = w.Line, message = w.Message }).ToArray(),
        ["units"] = set.Units.Select(u => new
        {
            ordinal = u.Ordinal,
            address = u.Address,
            kind = u.Kind,
            parent = u.ParentAddress,
            heading = u.Heading,
            line = u.SourceLine,
            content_sha256 = u.ContentSha256,
            first_words = UnitPreview.FirstWords(u),
        }).ToArray(),
    };

    private static object InvalidJson(KbDocument document, CutPlanInvalidException invalid) => new Dictionary<string, object?>
    {
        ["kb_id"] = document.Id.Value,
        ["valid"] = false,
        ["diagnostics"] = Diagnostics(invalid.Errors, invalid.Warnings),
    };

    /// <summary>Errors then warnings, each in line order, with the severity spelled out.</summary>
    private static object[] Diagnostics(IReadOnlyList<CutDiagnostic> errors, IReadOnlyList<CutDiagnostic> warnings) =>
        errors.Concat(warnings).Select(d => (object)new
        {
            severity = d.Severity == DiagnosticSeverity.Error ? "error" : "warning",
            code = d.Code,
            line = d.Line,
            message = d.Message,
        }).ToArray();
}
