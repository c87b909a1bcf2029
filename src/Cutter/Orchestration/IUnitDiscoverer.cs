using Cutter.Cutting;
using Cutter.Knowledge;

namespace Cutter.Orchestration;

/// <summary>Turns a source document into the candidate set a run would write (phase 3).</summary>
public interface IUnitDiscoverer
{
    CandidateSet Discover(KbDocument source);
}
