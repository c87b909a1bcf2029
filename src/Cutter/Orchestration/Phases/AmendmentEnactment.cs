using Cutter.Cutting.Amendments;
using Cutter.Domain;
using Cutter.Store.Writes;
using Npgsql;

namespace Cutter.Orchestration.Phases;

/// <summary>
/// Phase 10 of an amendment run, inside its transaction (docs/amendments.md): the enacted state must still be the one
/// the plan pinned; then removed and moved-away units are retired, the current version of each changed unit is
/// superseded, the run's new units are enacted (in that order, so one address never holds two enacted units), and
/// every transition gets its lifecycle row, in one statement.
/// </summary>
internal static class AmendmentEnactment
{
    public static async Task<long> ApplyAsync(RunContext context, NpgsqlConnection connection, NpgsqlTransaction transaction, AmendmentPlan amendment,
        Guid reviewDecisionId, int phase, CancellationToken cancellationToken)
    {
        var plan = context.RequirePlan();
        var document = await RunStore.FindDocumentAsync(connection, transaction, plan.DocumentCode, cancellationToken)
            ?? throw new CutterException($"document {plan.DocumentCode} is not registered");
        var enactedNow = await AmendmentStore.ReadEnactedAsync(connection, transaction, document.DocumentId, cancellationToken);
        AmendmentPlan.RequireUnchanged(amendment.EnactedSha, AmendmentSerializer.EnactedSha(plan.DocumentCode, enactedNow), context.RunId, phase);

        var retired = await AmendmentStore.RetireAsync(connection, transaction, context.RunId, amendment.Retired, cancellationToken);
        var superseded = await AmendmentStore.SupersedeAsync(connection, transaction, context.RunId, [.. amendment.Changed.Select(c => c.Before!)], cancellationToken);
        var enacted = await AmendmentStore.EnactDraftsAsync(connection, transaction, context.RunId, cancellationToken);
        var logged = await AmendmentStore.LogAsync(connection, transaction, context.RunId, reviewDecisionId, context.Now, cancellationToken);

        var expectedLogged = amendment.Retired.Count + amendment.Changed.Count + amendment.NewUnits.Count;
        if (retired != amendment.Retired.Count || superseded != amendment.Changed.Count || enacted != amendment.NewUnits.Count || logged != expectedLogged)
        {
            throw new StopException(StopCodes.InvariantFailed,
                $"amendment enactment retired {retired} units (planned {amendment.Retired.Count}), superseded {superseded} versions (planned {amendment.Changed.Count}), "
                + $"enacted {enacted} units (planned {amendment.NewUnits.Count}) and logged {logged} transitions (planned {expectedLogged})", context.RunId, phase);
        }
        return (long)retired + superseded + enacted + logged;
    }
}
