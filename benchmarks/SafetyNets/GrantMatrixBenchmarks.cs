using BenchmarkDotNet.Attributes;
using Cutter.Store;
using Npgsql;

namespace Cutter.Benchmarks.SafetyNets;

/// <summary>
/// What: the grant-matrix computation (<see cref="GrantMatrix"/>: catalog query, sort, sha) on the verify lane,
/// against the store size. No baseline: it reads only catalogs, so the figure to check is that it stays flat.
/// </summary>
[Config(typeof(SafetyNetConfig))]
public class GrantMatrixBenchmarks : SeededStoreBenchmark
{
    [Benchmark(Description = "grant matrix (catalogs + sha)")]
    public async Task<string> Compute()
    {
        await using var connection = new NpgsqlConnection(Store.VerifyConnectionString);
        await connection.OpenAsync();
        return (await GrantMatrix.ReadAsync(connection)).Sha.ToString();
    }
}
