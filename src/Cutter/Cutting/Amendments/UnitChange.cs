namespace Cutter.Cutting.Amendments;

/// <summary>
/// One line of an amendment's diff. <see cref="Before"/> is the enacted unit (null for an added one);
/// <see cref="After"/> is the candidate (null for a removed one).
/// </summary>
internal sealed record UnitChange(AmendmentOperation Operation, EnactedUnit? Before, CandidateUnit? After)
{
    /// <summary>The address the change is filed under: the new one, or for a removal the retired one.</summary>
    public string Address => After?.Address ?? Before!.Address;

    public string Kind => After?.Kind ?? Before!.Kind;

    public string? BeforeSha => Before?.ContentSha256;

    public string? AfterSha => After?.ContentSha256;

    /// <summary>Whether the run writes anything for this change.</summary>
    public bool Writes => Operation != AmendmentOperation.Unchanged;
}
