namespace Cutter.Domain.Checks;

/// <summary>
/// One named check run against a context. The prechecks and the post-run verification checks are both this, each
/// suite with its own context (what the check may read) and its own result record (what its report prints).
/// </summary>
public interface ICheck<in TContext, TResult>
    where TResult : ICheckResult
{
    /// <summary>Stable snake_case name, used in reports, waivers and tests.</summary>
    string Name { get; }

    Task<TResult> RunAsync(TContext context, CancellationToken cancellationToken);
}
