using Npgsql;

namespace Cutter.Store.Writes;

/// <summary>Allocates a block of ids from a store sequence in one round trip.</summary>
internal static class IdAllocator
{
    public const string InformationUnitSequence = "cutter_core.information_unit_id_seq";
    public const string UnitVersionSequence = "cutter_core.unit_version_id_seq";

    public static async Task<long[]> AllocateAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sequence, int count, CancellationToken cancellationToken)
    {
        if (sequence is not (InformationUnitSequence or UnitVersionSequence))
        {
            throw new ArgumentOutOfRangeException(nameof(sequence), sequence, "not a Cutter sequence");
        }
        var ids = new long[count];
        if (count == 0) return ids;
        await using var command = new NpgsqlCommand($"SELECT nextval('{sequence}') FROM generate_series(1, @count)", connection, transaction);
        command.Parameters.AddWithValue("count", count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var i = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            ids[i++] = reader.GetInt64(0);
        }
        return ids;
    }
}
