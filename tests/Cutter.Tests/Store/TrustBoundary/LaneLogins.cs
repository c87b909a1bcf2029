using Cutter.Configuration;
using Cutter.Rehearsal;
using Cutter.Store;

namespace Cutter.Tests.Store.TrustBoundary;

/// <summary>The lanes' connection strings exactly as an attacker holding the rehearsal env file would build them.</summary>
internal static class LaneLogins
{
    public static string FromEnvFile(RehearsalEnvironment environment, Lane lane)
    {
        var values = EnvFile.Read(Path.Combine(environment.WorkDir, RehearsalEnvironment.EnvFileName));
        string? Read(string name) => values.TryGetValue(name, out var value) ? value : null;
        return StoreEndpoint.FromEnvironment(Read).ConnectionString(LaneCredentials.FromEnvironment(lane, Read), "trust-boundary-test");
    }
}
