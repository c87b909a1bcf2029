using System.Globalization;
using System.Text;
using Cutter.Domain;
using Cutter.Domain.Hashing;
using Cutter.Governance.Approvals;

namespace Cutter.Governance.Batches;

/// <summary>
/// A batch gate request, which is also its approval: the approver signs these exact bytes with
/// <c>ssh-keygen -Y sign -n cutter-approval</c>, and the signature over them is the approval (docs/batches.md). Front
/// matter: kind <c>batch_approval</c>, gate, batch id and name, the batch's Merkle root, the number of documents the
/// request covers, a fresh review_decision_id, <c>allowance: explicit</c>, requested_utc. The body lists each document
/// covered, one line each: position, KB id, run id, candidate count, payload sha, tab-separated.
/// </summary>
internal sealed record BatchApprovalDocument
{
    private const string ListHeader = "position\tkb_id\trun_id\tcandidate_count\tpayload_sha";

    public required ApprovalGate Gate { get; init; }
    public required Guid BatchId { get; init; }
    public required string BatchName { get; init; }
    public required VersionedHash MerkleRoot { get; init; }
    public required Guid ReviewDecisionId { get; init; }
    public required string Allowance { get; init; }
    public required DateTimeOffset RequestedUtc { get; init; }
    public required IReadOnlyList<BatchDocument> Documents { get; init; }

    public byte[] ToBytes()
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new(ApprovalFields.Kind, ApprovalFields.KindBatchApproval),
            new(ApprovalFields.Gate, Gate.WireName()),
            new(ApprovalFields.BatchId, BatchId.ToString("D")),
            new(ApprovalFields.BatchName, BatchName),
            new(ApprovalFields.MerkleRoot, MerkleRoot.ToString()),
            new(ApprovalFields.DocumentCount, Documents.Count.ToString(CultureInfo.InvariantCulture)),
            new(ApprovalFields.ReviewDecisionId, ReviewDecisionId.ToString("D")),
            new(ApprovalFields.Allowance, Allowance),
            new(ApprovalFields.RequestedUtc, ApprovalDocument.FormatTimestamp(RequestedUtc)),
        };
        var body = new StringBuilder();
        body.Append(Gate == ApprovalGate.Sg1CutAuthz
            ? $"Signing this file approves cutting every document below as planned (SG_1), and turning the execution flag on for each document's run while it writes.\n\n"
            : $"Signing this file approves enacting the drafts of every document below (SG_2), and turning the execution flag on for each document's run while it enacts.\n\n");
        body.Append(ListHeader).Append('\n');
        foreach (var d in Documents)
        {
            body.Append(CultureInfo.InvariantCulture, $"{d.Position}\t{d.KbId}\t{d.RunId}\t{d.CandidateCount}\t{d.PayloadSha}\n");
        }
        return SignedFrontMatter.Render(fields, body.ToString());
    }

    /// <summary>Reads the bytes; throws <see cref="FormatException"/> naming the field or line that is wrong.</summary>
    public static BatchApprovalDocument Parse(byte[] raw)
    {
        var (fields, body) = SignedFrontMatter.Parse(raw);
        var kind = Required(fields, ApprovalFields.Kind);
        if (kind != ApprovalFields.KindBatchApproval) throw new FormatException($"'{ApprovalFields.Kind}' is '{kind}', expected '{ApprovalFields.KindBatchApproval}'");
        var gateText = Required(fields, ApprovalFields.Gate);
        if (!ApprovalGates.TryParse(gateText, out var gate) || gate == ApprovalGate.Sg3EscalationAuthz)
        {
            throw new FormatException($"'{ApprovalFields.Gate}' is '{gateText}', expected SG_1_cut_authz or SG_2_lifecycle_authz");
        }
        var documents = ParseDocuments(body);
        var count = int.Parse(Required(fields, ApprovalFields.DocumentCount), NumberStyles.None, CultureInfo.InvariantCulture);
        if (count != documents.Count) throw new FormatException($"'{ApprovalFields.DocumentCount}' is {count} but {documents.Count} documents are listed");
        return new BatchApprovalDocument
        {
            Gate = gate,
            BatchId = ParseGuid(Required(fields, ApprovalFields.BatchId), ApprovalFields.BatchId),
            BatchName = Required(fields, ApprovalFields.BatchName),
            MerkleRoot = ParseHash(Required(fields, ApprovalFields.MerkleRoot), HashForms.BatchRoot.Family, ApprovalFields.MerkleRoot),
            ReviewDecisionId = ParseGuid(Required(fields, ApprovalFields.ReviewDecisionId), ApprovalFields.ReviewDecisionId),
            Allowance = fields.GetValueOrDefault(ApprovalFields.Allowance) ?? "",
            RequestedUtc = DateTimeOffset.ParseExact(Required(fields, ApprovalFields.RequestedUtc), ApprovalFields.TimestampFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
            Documents = documents,
        };
    }

    private static List<BatchDocument> ParseDocuments(string body)
    {
        var lines = body.Split('\n');
        var header = Array.IndexOf(lines, ListHeader);
        if (header < 0) throw new FormatException($"the document list (header '{ListHeader.Replace('\t', ' ')}') is missing");
        var documents = new List<BatchDocument>();
        foreach (var line in lines.Skip(header + 1).Where(l => l.Length > 0))
        {
            var cells = line.Split('\t');
            if (cells.Length != 5) throw new FormatException($"document line '{line}' does not have 5 tab-separated cells");
            try
            {
                documents.Add(new BatchDocument(int.Parse(cells[0], NumberStyles.None, CultureInfo.InvariantCulture), KbDocId.Parse(cells[1]), RunId.Parse(cells[2]),
                    int.Parse(cells[3], NumberStyles.None, CultureInfo.InvariantCulture), VersionedHash.Parse(cells[4], HashForms.Payload.Family, "payload_sha")));
            }
            catch (InvalidInputException ex)
            {
                throw new FormatException($"document line '{line}': {ex.Message}");
            }
        }
        return documents;
    }

    private static Guid ParseGuid(string text, string key) =>
        Guid.TryParseExact(text, "D", out var id) && id != Guid.Empty ? id : throw new FormatException($"'{key}': '{text}' is not a non-empty UUID");

    private static VersionedHash ParseHash(string text, string family, string key)
    {
        try
        {
            return VersionedHash.Parse(text, family, key);
        }
        catch (InvalidInputException ex)
        {
            throw new FormatException(ex.Message);
        }
    }

    private static string Required(IReadOnlyDictionary<string, string> fields, string key) =>
        fields.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value : throw new FormatException($"'{key}' is missing");
}
