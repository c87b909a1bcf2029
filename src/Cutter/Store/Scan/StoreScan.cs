using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Cutter.Cutting;
using Cutter.Domain;
using Cutter.Domain.Hashing;

namespace Cutter.Store.Scan;

/// <summary>
/// The governed content as <see cref="StoreScanReader"/> read it, and what verification derives from it in C#: each
/// document's footprint in any form <see cref="DocumentSurvey"/> makes (the same bytes, so a footprint recorded by the
/// in-server survey is compared with one recomputed here), each document's unit versions whose text no longer hashes to
/// their stored sha, and a run's payload sha recomputed from the rows it wrote.
/// </summary>
internal sealed class StoreScan
{
    // A document's hashed text goes through the digest in chunks of about this many bytes, at unit-line boundaries.
    private const int HashChunkBytes = 32 * 1024;

    private readonly List<ScannedVersion> _versions;
    private readonly Dictionary<long, int> _firstVersionOf;
    private readonly Lazy<Dictionary<long, ScannedUnit>> _unitById;

    public StoreScan(IReadOnlyList<ScannedDocument> documents, IReadOnlyList<ScannedUnit> units, List<ScannedVersion> versions)
    {
        Documents = documents;
        // A unit's versions sit side by side in version order, found through the index of its first. Rows usually come
        // in insertion order, which is already this order: the sort (of rows over a hundred bytes each) runs only when not.
        _versions = versions;
        var rows = CollectionsMarshal.AsSpan(_versions);
        if (!InVersionOrder(rows)) rows.Sort(static (a, b) => a.IuId != b.IuId ? a.IuId.CompareTo(b.IuId) : a.VersionNo.CompareTo(b.VersionNo));
        _firstVersionOf = new Dictionary<long, int>(rows.Length);
        for (var i = rows.Length - 1; i >= 0; i--) _firstVersionOf[rows[i].IuId] = i;
        _unitById = new(() => units.ToDictionary(u => u.IuId));
        // Footprint order: ordinal, then address (unique in a document) to break ties, compared ordinally.
        var byDocument = new Dictionary<long, List<ScannedUnit>>();
        foreach (var unit in units)
        {
            if (!byDocument.TryGetValue(unit.DocumentId, out var list)) byDocument[unit.DocumentId] = list = [];
            list.Add(unit);
        }
        foreach (var list in byDocument.Values)
        {
            list.Sort(static (a, b) => a.Ordinal != b.Ordinal ? a.Ordinal.CompareTo(b.Ordinal) : string.CompareOrdinal(a.Address, b.Address));
        }
        UnitsByDocument = byDocument.ToDictionary(p => p.Key, p => (IReadOnlyList<ScannedUnit>)p.Value);
    }

    public IReadOnlyList<ScannedDocument> Documents { get; }

    /// <summary>Each document's units in footprint order (ordinal, then address).</summary>
    public IReadOnlyDictionary<long, IReadOnlyList<ScannedUnit>> UnitsByDocument { get; }

    public long VersionCount => _versions.Count;

    /// <summary>The versions of <paramref name="iuId"/>, in version order.</summary>
    public ReadOnlySpan<ScannedVersion> VersionsOf(long iuId)
    {
        if (!_firstVersionOf.TryGetValue(iuId, out var first)) return [];
        var rows = CollectionsMarshal.AsSpan(_versions);
        var end = first;
        while (end < rows.Length && rows[end].IuId == iuId) end++;
        return rows[first..end];
    }

    private static bool InVersionOrder(ReadOnlySpan<ScannedVersion> rows)
    {
        for (var i = 1; i < rows.Length; i++)
        {
            if (rows[i - 1].IuId > rows[i].IuId || (rows[i - 1].IuId == rows[i].IuId && rows[i - 1].VersionNo > rows[i].VersionNo)) return false;
        }
        return true;
    }

    public IReadOnlyList<ScannedUnit> UnitsOf(ScannedDocument document) => UnitsByDocument.GetValueOrDefault(document.DocumentId) ?? [];

    /// <summary>
    /// Every document's footprint in <paramref name="form"/>, byte for byte what <see cref="DocumentSurvey"/> computes
    /// in the server (its summary documents the line format), ordered by code.
    /// </summary>
    public IReadOnlyList<DocumentFootprint> Footprints(HashForm form)
    {
        if (form != HashForms.FootprintV1 && form != HashForms.FootprintV2)
        {
            throw new InvalidInputException("recorded footprint", $"it was made in {form.Tag}, which this Cutter does not compute (it knows {HashForms.FootprintV1}, {HashForms.FootprintV2}); use the Cutter release that recorded it");
        }
        var withHeading = form == HashForms.FootprintV2;
        return Documents.OrderBy(d => d.Code, StringComparer.Ordinal).Select(d => Footprint(d, form, withHeading)).ToArray();
    }

    private DocumentFootprint Footprint(ScannedDocument document, HashForm form, bool withHeading)
    {
        // The line text goes straight into a UTF-8 buffer (no string per line), drained into the digest by chunks.
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var text = new ArrayBufferWriter<byte>(HashChunkBytes + 4096);
        long versions = 0, enacted = 0;
        var units = UnitsOf(document);
        var first = true;
        foreach (var unit in units)
        {
            if (!first) Byte(text, (byte)'\n');
            first = false;
            Text(text, unit.Address);
            Byte(text, (byte)'\t');
            Number(text, unit.Ordinal);
            Byte(text, (byte)'\t');
            Text(text, unit.Kind);
            Byte(text, (byte)'\t');
            Text(text, unit.LifecycleState);
            Byte(text, (byte)'\t');
            if (withHeading)
            {
                // PostgreSQL's length() counts characters (code points), not UTF-16 units.
                Number(text, CodePoints(unit.Heading));
                Byte(text, (byte)':');
                Text(text, unit.Heading);
                Byte(text, (byte)'\t');
            }
            var own = VersionsOf(unit.IuId);
            for (var i = 0; i < own.Length; i++)
            {
                if (i > 0) Byte(text, (byte)',');
                Number(text, own[i].VersionNo);
                Byte(text, (byte)':');
                own[i].WriteStoredSha(text);
            }
            versions += own.Length;
            if (unit.LifecycleState == "enacted") enacted++;
            if (text.WrittenCount >= HashChunkBytes)
            {
                hash.AppendData(text.WrittenSpan);
                text.ResetWrittenCount();
            }
        }
        hash.AppendData(text.WrittenSpan);
        return new DocumentFootprint(document.KbId, document.Code, units.Count, versions, enacted,
            VersionedHash.FromHex(form, Convert.ToHexStringLower(hash.GetHashAndReset()), "footprint"));
    }

    private static void Byte(ArrayBufferWriter<byte> output, byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    private static void Text(ArrayBufferWriter<byte> output, string value)
    {
        var written = Encoding.UTF8.GetBytes(value, output.GetSpan(Encoding.UTF8.GetMaxByteCount(value.Length)));
        output.Advance(written);
    }

    private static void Number(ArrayBufferWriter<byte> output, int value)
    {
        value.TryFormat(output.GetSpan(11), out var written, default, CultureInfo.InvariantCulture);
        output.Advance(written);
    }

    /// <summary>Each document's unit versions whose text no longer hashes to their stored sha, and those in a form this build cannot recompute.</summary>
    public IReadOnlyDictionary<string, DocumentRehash> Rehash()
    {
        var result = new Dictionary<string, DocumentRehash>(StringComparer.Ordinal);
        foreach (var document in Documents)
        {
            long mismatched = 0, unverifiable = 0;
            var unknownForms = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var unit in UnitsOf(document))
            {
                foreach (var version in VersionsOf(unit.IuId))
                {
                    if (version.Mismatched) mismatched++;
                    if (version.Unverifiable)
                    {
                        unverifiable++;
                        unknownForms.Add(version.Form);
                    }
                }
            }
            result[document.KbId] = new DocumentRehash(mismatched, new UnknownContentForms(unverifiable, unknownForms.ToArray()));
        }
        return result;
    }

    /// <summary>The document with <paramref name="kbId"/>, if the store has it.</summary>
    public ScannedDocument? Document(string kbId) => Documents.FirstOrDefault(d => d.KbId == kbId);

    /// <summary>
    /// The payload sha (docs/payload-sha.md) of the units <paramref name="runId"/> wrote into <paramref name="document"/>,
    /// rebuilt from the rows with each version's content sha as recomputed here from its text, not as stored: an edited
    /// text changes it whether or not the stored sha was edited to match.
    /// </summary>
    public VersionedHash RecomputedPayloadSha(ScannedDocument document, Guid runId)
    {
        var candidates = new List<CandidateUnit>();
        foreach (var unit in UnitsOf(document).Where(u => u.RunId == runId))
        {
            var written = VersionsOf(unit.IuId).ToArray().Where(v => v.RunId == runId).ToArray();
            var sha = written.Length == 1 ? written[0].RecomputedSha ?? "" : "";
            var parent = unit.ParentIuId is { } parentId && _unitById.Value.TryGetValue(parentId, out var p) ? p.Address : null;
            candidates.Add(new CandidateUnit(unit.Address, unit.Ordinal, unit.Kind, parent, unit.Heading, "", sha, 0));
        }
        return PayloadSerializer.Sha(DocumentCode.Parse(document.Code), candidates);
    }

    private static int CodePoints(string text)
    {
        var count = text.Length;
        foreach (var c in text)
        {
            if (char.IsLowSurrogate(c)) count--;
        }
        return count;
    }
}
