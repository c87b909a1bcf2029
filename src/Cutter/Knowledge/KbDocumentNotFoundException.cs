using Cutter.Domain;

namespace Cutter.Knowledge;

/// <summary>The named KB document does not exist.</summary>
internal sealed class KbDocumentNotFoundException : CutterException
{
    public KbDocumentNotFoundException(KbDocId id) : base($"KB document {id} does not exist") => Id = id;

    public KbDocId Id { get; }
}
