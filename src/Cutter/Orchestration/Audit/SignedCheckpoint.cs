namespace Cutter.Orchestration.Audit;

/// <summary>A checkpoint as kept in one place: its exact bytes, its armored signature (null when none), and where it is.</summary>
internal sealed record SignedCheckpoint(string Source, byte[] Raw, string? Signature, LogCheckpoint? Checkpoint, string? ParseError);
