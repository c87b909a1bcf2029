using BenchmarkDotNet.Attributes;
using Cutter.Store;
using Npgsql;

namespace Cutter.Benchmarks.SafetyNets;

/// <summary>
/// What: the post-run verification's content check against the store size: <see cref="DocumentSurvey"/>, the
/// per-document counts and content hash of every document, computed in the server on the verify lane. Compared with
/// a plain sequential read of the same tables and columns in the server (the Baseline; every row read, nothing
/// hashed or ordered). Aim: at most 3x the read.
/// </summary>
[Config(typeof(SafetyNetConfig))]
public class VerificationBenchmarks : SeededStoreBenchmark
{
    private const string SequentialReadQuery = """
        SELECT (SELECT sum(octet_length(address) + octet_length(kind) + octet_length(lifecycle_state) + ordinal + document_id)
                FROM cutter_core.information_unit),
               (SELECT sum(octet_length(content_sha256) + version_no + iu_id) FROM cutter_core.unit_version)
        """;

    [Benchmark(Baseline = true, Description = "sequential read of the same columns")]
    public async Task<long> SequentialRead()
    {
        await using var connection = new NpgsqlConnection(Store.VerifyConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(SequentialReadQuery, connection) { CommandTimeout = 0 };
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (long)reader.GetDecimal(0) + (long)reader.GetDecimal(1);
    }

    [Benchmark(Description = "DocumentSurvey (in-server hashes)")]
    public async Task<int> Survey() => (await DocumentSurvey.ReadAsync(Store.VerifyConnectionString)).Count;

    /// <summary>The survey in sha256:footprint-v1, the form before headings were hashed: what footprint-v2 costs.</summary>
    [Benchmark(Description = "DocumentSurvey in footprint-v1")]
    public async Task<int> SurveyFootprintV1() => (await DocumentSurvey.ReadAsync(Store.VerifyConnectionString, Cutter.Domain.Hashing.HashForms.FootprintV1)).Count;
}
