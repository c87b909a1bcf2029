namespace Cutter.Domain.Hashing;

/// <summary>What comparing two hashes found. <see cref="DifferentForms"/> says nothing about the data.</summary>
public enum HashComparison
{
    Equal,
    Different,
    DifferentForms,
}
