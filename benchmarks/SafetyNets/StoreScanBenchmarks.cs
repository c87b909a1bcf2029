using BenchmarkDotNet.Attributes;
using Cutter.Domain.Hashing;
using Cutter.Store;
using Cutter.Store.Scan;
using Npgsql;
using NpgsqlTypes;

namespace Cutter.Benchmarks.SafetyNets;

/// <summary>
/// What: verification's content work against the store size (issue 17's aim: at most 2x a sequential read). The
/// Baseline is a plain binary <c>COPY (SELECT same columns) TO STDOUT</c> of the three content tables read to the end
/// in the client, every field decoded and dropped: the least any verifier that reads each row can do. Against it:
/// the <see cref="StoreScan"/> verification now uses (the same COPYs, every text re-hashed in C#, the footprint of
/// every document and the per-document re-hash), and the in-server survey plus in-server re-hash it replaced.
/// </summary>
[Config(typeof(SafetyNetConfig))]
public class StoreScanBenchmarks : SeededStoreBenchmark
{
    [Benchmark(Baseline = true, Description = "COPY (SELECT same columns) TO STDOUT, read")]
    public Task<long> CopyRead() => CopyReadAsync(Store.VerifyConnectionString);

    [Benchmark(Description = "StoreScan: read once, hash in C# (footprint-v2 + rehash)")]
    public Task<int> Scan() => ScanAsync(Store.VerifyConnectionString);

    [Benchmark(Description = "before: DocumentSurvey + rehash, in server")]
    public async Task<int> InServer()
    {
        await using var connection = new NpgsqlConnection(Store.VerifyConnectionString);
        await connection.OpenAsync();
        var survey = await DocumentSurvey.ReadAsync(connection, HashForms.FootprintV2);
        return survey.Count + (await VerificationReads.ReadRehashMismatchesAsync(connection, CancellationToken.None)).Count;
    }

    /// <summary>The baseline: every row of the three COPYs read to the end, every field decoded and dropped.</summary>
    public static async Task<long> CopyReadAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        long fields = 0;
        fields += Drain(connection, StoreScanReader.DocumentsCopy, [NpgsqlDbType.Bigint, NpgsqlDbType.Text, NpgsqlDbType.Text]);
        fields += Drain(connection, StoreScanReader.UnitsCopy,
            [NpgsqlDbType.Bigint, NpgsqlDbType.Bigint, NpgsqlDbType.Text, NpgsqlDbType.Integer, NpgsqlDbType.Text, NpgsqlDbType.Bigint, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Uuid]);
        fields += Drain(connection, StoreScanReader.VersionsCopy,
            [NpgsqlDbType.Bigint, NpgsqlDbType.Integer, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Uuid]);
        return fields;
    }

    /// <summary>What verification does with the same rows: the scan, every document's footprint-v2 and the re-hash.</summary>
    public static async Task<int> ScanAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var scan = await StoreScanReader.ReadAsync(connection);
        return scan.Footprints(HashForms.FootprintV2).Count + scan.Rehash().Count;
    }

    private static long Drain(NpgsqlConnection connection, string copy, NpgsqlDbType[] columns)
    {
        long fields = 0;
        using var export = connection.BeginBinaryExport(copy);
        while (export.StartRow() != -1)
        {
            foreach (var column in columns)
            {
                if (export.IsNull) export.Skip();
                else _ = column switch
                {
                    NpgsqlDbType.Bigint => export.Read<long>(column),
                    NpgsqlDbType.Integer => export.Read<int>(column),
                    NpgsqlDbType.Uuid => export.Read<Guid>(column).GetHashCode(),
                    _ => export.Read<string>(column).Length,
                };
                fields++;
            }
        }
        return fields;
    }
}
