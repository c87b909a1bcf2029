using System.Security.Cryptography;
using System.Text;
using Cutter.Configuration;
using Cutter.Domain;
using Cutter.Knowledge;

namespace Cutter.Cutting;

/// <summary>
/// Cuts one KB document into its candidate set: screen the raw bytes, read the front matter, parse the body with
/// Markdig, build the unit tree, check it, normalize and hash every unit, and hash the canonical payload.
/// Any error stops the plan with <see cref="CutPlanInvalidException"/>; warnings ride on the result.
/// </summary>
public static class DocumentCutter
{
    /// <summary>A body of at least this many bytes that yields at most <see cref="CollapsedUnitCount"/> units is reported.</summary>
    public const int CollapsedBodyBytes = 4096;
    public const int CollapsedUnitCount = 2;

    public static CandidateSet Cut(KbDocument document, CuttingOptions options)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var source = document.Id.Value;
        var sink = new DiagnosticSink(options.MaxDiagnosticsPerCode);

        var raw = document.Raw;
        if (!SourceScreen.ScreenBytes(raw, options, sink))
        {
            throw Invalid(source, sink);
        }
        // The front matter and the body are decoded apart: Markdig needs the body as a string of its own, and decoding
        // the whole text to copy the body out of it would put two copies of a large document on the large-object heap.
        var bodyOffset = KbFrontMatter.BodyByteOffset(raw);
        var head = Encoding.UTF8.GetString(bodyOffset < 0 ? raw : raw.AsSpan(0, bodyOffset));
        SourceScreen.ScreenChars(head, 1, sink);
        string? bodyText = null;
        if (bodyOffset >= 0)
        {
            bodyText = Encoding.UTF8.GetString(raw.AsSpan(bodyOffset));
            SourceScreen.ScreenChars(bodyText, head.AsSpan().Count('\n') + 1, sink);
        }
        if (sink.HasErrors)
        {
            throw Invalid(source, sink);
        }

        FrontMatterSplit split;
        IReadOnlyDictionary<string, string> frontMatter;
        try
        {
            split = KbFrontMatter.Split(head, source);
            split = bodyText is null ? split : split with { Body = bodyText };
            frontMatter = KbFrontMatter.Parse(split.Yaml, source, split.YamlFirstLine);
        }
        catch (KbFrontMatterException ex)
        {
            sink.Add(CutDiagnosticRules.FrontMatterInvalid, ex.Line, ex.FrontMatterProblem);
            throw Invalid(source, sink);
        }
        var documentCode = ReadIdentity(document.Id, frontMatter, split.YamlFirstLine, sink);
        if (sink.HasErrors)
        {
            throw Invalid(source, sink);
        }

        var vietnamese = frontMatter.TryGetValue("language", out var language) ? language == "vi" : (bool?)null;
        // NFC before anything is classified: a heading typed in decomposed Unicode (NFD) is the same heading.
        var body = split.Body.IsNormalized(NormalizationForm.FormC) ? split.Body : split.Body.Normalize(NormalizationForm.FormC);
        if (NestingScreen.Screen(body, split.BodyFirstLine, options.MaxNestingDepth, sink))
        {
            throw Invalid(source, sink);
        }
        IReadOnlyList<DraftUnit> drafts;
        bool sawVietnamese;
        try
        {
            (drafts, sawVietnamese) = UnitTreeBuilder.Build(body, split.BodyFirstLine, sink);
        }
        catch (ArgumentException)
        {
            // Markdig's depth limit on inline nesting (brackets, emphasis, HTML) the line screen does not estimate; it names no line.
            sink.Add(CutDiagnosticRules.NestingTooDeep, split.BodyFirstLine,
                "Markdown inline elements (brackets, emphasis or HTML tags) somewhere in the body nest deeper than the parser handles: flatten them");
            throw Invalid(source, sink);
        }
        if (drafts.Count == 0)
        {
            sink.Add(CutDiagnosticRules.EmptyDocument, split.BodyFirstLine, "the body holds no text: there is no unit to write");
            throw Invalid(source, sink);
        }
        if (drafts.Count <= CollapsedUnitCount && Encoding.UTF8.GetByteCount(body) >= CollapsedBodyBytes)
        {
            sink.Add(CutDiagnosticRules.StructureCollapsed, drafts[0].Line,
                $"the body is {Encoding.UTF8.GetByteCount(body)} bytes but cut into {drafts.Count} unit(s); mark its headings with '#' or put each heading alone on a line (docs/cutting.md)");
        }

        NumberingChecker.Check(drafts, vietnamese ?? sawVietnamese, sink);
        using var payload = new PayloadHash(documentCode, drafts.Count);
        var units = Finish(drafts, options, sink, payload);
        if (sink.HasErrors)
        {
            throw Invalid(source, sink);
        }

        return new CandidateSet(
            document.Id,
            documentCode,
            frontMatter.GetValueOrDefault("title", ""),
            Sha256Hex.Of(raw),
            units,
            payload.Sha())
        {
            Warnings = sink.Of(DiagnosticSeverity.Warning),
        };
    }

    private static DocumentCode ReadIdentity(KbDocId id, IReadOnlyDictionary<string, string> frontMatter, int line, DiagnosticSink sink)
    {
        if (frontMatter.TryGetValue("id", out var declared) && declared != id.Value)
        {
            sink.Add(CutDiagnosticRules.FrontMatterInvalid, line, $"id '{declared}' does not match the document's id {id}");
        }
        if (!frontMatter.TryGetValue("document_code", out var code))
        {
            sink.Add(CutDiagnosticRules.FrontMatterInvalid, line, "has no document_code (for example ICX-CONST)");
            return default;
        }
        try
        {
            return DocumentCode.Parse(code);
        }
        catch (InvalidInputException ex)
        {
            sink.Add(CutDiagnosticRules.FrontMatterInvalid, line, ex.Problem);
            return default;
        }
    }

    /// <summary>Normalizes, hashes and checks every unit, adding each to <paramref name="payload"/> as it is made.</summary>
    private static CandidateUnit[] Finish(IReadOnlyList<DraftUnit> drafts, CuttingOptions options, DiagnosticSink sink, PayloadHash payload)
    {
        var units = new CandidateUnit[drafts.Count];
        // A dictionary, not PooledHashIndex: its own hashing of string keys (not randomized until keys collide) made the
        // cut measurably faster than the pooled index's randomized hash, large-object-heap arrays and all.
        var addresses = new Dictionary<string, int>(drafts.Count, StringComparer.Ordinal);
        using var hash = new ContentHash();
        // The units are hashed a window at a time (ContentHash); diagnostics still come unit by unit, in order.
        var contents = new string[Math.Min(drafts.Count, ContentHash.WindowUnits)];
        var digests = new byte[contents.Length * SHA256.HashSizeInBytes];
        var byteCounts = new int[contents.Length];
        for (var start = 0; start < drafts.Count; start += contents.Length)
        {
            var count = Math.Min(contents.Length, drafts.Count - start);
            for (var j = 0; j < count; j++)
            {
                contents[j] = drafts[start + j].NormalizedContent();
            }
            hash.Hash(contents.AsSpan(0, count), digests, byteCounts);
            for (var j = 0; j < count; j++)
            {
                var i = start + j;
                var draft = drafts[i];
                if (!addresses.TryAdd(draft.Address, draft.Line))
                {
                    sink.Add(CutDiagnosticRules.AddressCollision, draft.Line,
                        $"address {draft.Address} is already used by the unit at line {addresses[draft.Address]}");
                }
                if (draft.Kind is UnitKinds.Article or UnitKinds.Amendment && !draft.HasBody && draft.ChildCount == 0)
                {
                    sink.Add(CutDiagnosticRules.EmptyArticle, draft.Line, $"{draft.Kind} {draft.Address} ('{draft.Heading}') has no text");
                }
                if (byteCounts[j] > options.MaxUnitBytes)
                {
                    sink.Add(CutDiagnosticRules.UnitTooLarge, draft.Line,
                        $"unit {draft.Address} is {byteCounts[j]} bytes after normalization; the limit is {options.MaxUnitBytes}: {DocumentCaps.RaiseHint(DocumentCaps.MaxUnitBytesKey)}");
                }
                units[i] = new CandidateUnit(draft.Address, i + 1, draft.Kind, draft.Parent?.Address, draft.Heading,
                    contents[j], digests.AsSpan(j * SHA256.HashSizeInBytes, SHA256.HashSizeInBytes), draft.Line);
                payload.Add(units[i]);
            }
        }
        return units;
    }

    private static CutPlanInvalidException Invalid(string source, DiagnosticSink sink) =>
        new(source, sink.Of(DiagnosticSeverity.Error), sink.Of(DiagnosticSeverity.Warning));
}
