using Cutter.Domain;
using Cutter.Domain.Hashing;

namespace Cutter.Governance.Batches;

/// <summary>One document of a batch as its request lists it: leaf <paramref name="Position"/> of the batch's Merkle tree.</summary>
internal sealed record BatchDocument(int Position, KbDocId KbId, RunId RunId, int CandidateCount, VersionedHash PayloadSha)
{
    public byte[] LeafInput => BatchMerkleTree.LeafInput(KbId, PayloadSha);
}
