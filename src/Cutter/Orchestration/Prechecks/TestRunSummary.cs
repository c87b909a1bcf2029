namespace Cutter.Orchestration.Prechecks;

/// <summary>The results-file format a <see cref="TestRunSummary"/> was read from.</summary>
internal enum TestResultsFormat
{
    /// <summary>VSTest's TRX (<c>dotnet test --logger trx</c>), root element <c>TestRun</c>.</summary>
    Trx,
    /// <summary>JUnit XML, root element <c>testsuites</c> or <c>testsuite</c>.</summary>
    JUnit,
}

/// <summary>One test that did not pass, with the outcome the results file gives it (Failed, NotExecuted, error, skipped...).</summary>
internal sealed record TestOutcome(string TestName, string Outcome)
{
    public override string ToString() => $"{TestName} ({Outcome})";
}

/// <summary>What a recorded test run says: how many tests ran, how many passed, and which did not, in file order.</summary>
internal sealed record TestRunSummary(TestResultsFormat Format, int Total, int Passed, IReadOnlyList<TestOutcome> NotPassed)
{
    public bool AllPassed => Total == Passed;
}
