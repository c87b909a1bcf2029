using Cutter.Cutting;
using Cutter.Domain;
using Cutter.Knowledge;

namespace Cutter.Orchestration;

/// <summary>The production discoverer: <see cref="DocumentCutter"/> over the Markdown source; an invalid plan is STOP_CUT_PLAN_INVALID.</summary>
internal sealed class MarkdownUnitDiscoverer(CuttingOptions options) : IUnitDiscoverer
{
    public CandidateSet Discover(KbDocument source)
    {
        try
        {
            return DocumentCutter.Cut(source, options);
        }
        catch (CutPlanInvalidException ex)
        {
            throw new StopException(StopCodes.CutPlanInvalid, ex.Message, phase: 3);
        }
    }
}
