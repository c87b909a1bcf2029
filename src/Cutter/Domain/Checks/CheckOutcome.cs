namespace Cutter.Domain.Checks;

/// <summary>What a check concluded, in the terms every suite (prechecks, post-run verification) shares.</summary>
public enum CheckOutcome
{
    /// <summary>The check ran and found what it requires.</summary>
    Pass,

    /// <summary>The check ran and found something wrong, or could not run.</summary>
    Fail,

    /// <summary>
    /// The check did not judge anything (waived, or nothing for it to look at). A check that cannot fail reports this,
    /// never <see cref="Pass"/>: a pass must mean something was compared.
    /// </summary>
    NotApplicable,
}
