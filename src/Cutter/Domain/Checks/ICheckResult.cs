namespace Cutter.Domain.Checks;

/// <summary>One check's result line as every suite sees it: its name, outcome and the detail an operator reads.</summary>
public interface ICheckResult
{
    string Name { get; }

    CheckOutcome Outcome { get; }

    /// <summary>What the check found, in words an operator can act on.</summary>
    string Detail { get; }
}
