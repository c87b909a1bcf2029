using Xunit;

namespace Cutter.Tests.Support;

/// <summary>
/// Tests that count attempts against short wall-clock timeouts (the HTTP KB client's 400 ms per attempt). xUnit runs
/// this collection alone, after the parallel ones, so the suite's own parallel load cannot push a healthy first
/// attempt past its timeout and turn one attempt into two.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitiveCollection
{
    public const string Name = "timing-sensitive";
}
