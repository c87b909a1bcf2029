using Cutter.Domain;

namespace Cutter.Rehearsal.Disposable;

/// <summary>No provider could serve a PostgreSQL server; the message names all three ways and why each failed.</summary>
internal sealed class DisposablePostgresUnavailableException : CutterException
{
    public DisposablePostgresUnavailableException(IReadOnlyList<string> reasons)
        : base("no PostgreSQL server could be obtained. Tried, in order:" + Environment.NewLine
               + string.Join(Environment.NewLine, reasons.Select((r, i) => $"  {i + 1}. {r}")) + Environment.NewLine
               + "Fix one of them: set CUTTER_TEST_PG to an admin connection string of your own server, start a Docker engine, "
               + "or install the PostgreSQL server binaries (initdb, pg_ctl) on PATH.")
    {
        Reasons = reasons;
    }

    public IReadOnlyList<string> Reasons { get; }
}
