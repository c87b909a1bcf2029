using System.Net.Sockets;
using Cutter.Configuration;
using Cutter.Domain;
using Cutter.Knowledge;
using Mono.Unix.Native;
using Npgsql;

namespace Cutter.Cli;

/// <summary>
/// Maps every failure an operator can cause or meet to one line naming the input and what to do, and an exit code
/// (docs/exit-codes.md). Classifies by exception type, SqlState, socket error and errno, never by message text.
/// </summary>
internal static class ErrorTaxonomy
{
    // The lanes connect through DOT_CUTTER_DB_*; `db migrate` and rehearsals through the admin connection string.
    private const string DatabaseHint = $"check that the server is running and that {EnvironmentNames.DbHost} and {EnvironmentNames.DbPort} (or {EnvironmentNames.AdminConnectionString} for db migrate) name it";

    public static CliError Classify(Exception ex) => ex switch
    {
        KbDocumentNotFoundException missing => new(ExitCodes.UsageError, $"error: {missing.Message} (check the id, and --kb-root or the KB the configuration names)"),
        InvalidInputException invalid => new(ExitCodes.UsageError, $"error: {invalid.Message}"),
        PostgresException postgres => Postgres(postgres),
        NpgsqlException npgsql => Database(npgsql),
        SocketException socket => Socket(socket, socket.Message),
        CutterException cutter => new(ExitCodes.Failure, $"error: {cutter.Message}"),
        FileNotFoundException or DirectoryNotFoundException => new(ExitCodes.UsageError, $"error: {OneLine(ex.Message)} (check the path)"),
        UnauthorizedAccessException => PermissionDenied(ex.Message),
        IOException io => Io(io),
        OperationCanceledException => new(ExitCodes.Failure, "cancelled"),
        _ => new(ExitCodes.Failure, $"unexpected error: {ex.GetType().Name}: {OneLine(ex.Message)} (run again with --verbose for the stack trace and report it)"),
    };

    private static CliError PermissionDenied(string message) =>
        new(ExitCodes.IoError, $"error: {OneLine(message)} (permission denied: grant access or run as a user who has it)");

    // .NET reports an unmapped errno as the IOException's HResult; Mono.Unix names it, on whichever Unix this is.
    private static CliError Io(IOException io) => (io.HResult > 0 && NativeConvert.TryToErrno(io.HResult, out var errno) ? errno : (Errno?)null) switch
    {
        Errno.EACCES => PermissionDenied(io.Message),
        Errno.ELOOP => new(ExitCodes.IoError, $"error: {OneLine(io.Message)} (symbolic-link loop: fix or remove the link)"),
        Errno.ENOSPC or Errno.EDQUOT => new(ExitCodes.IoError, $"error: {OneLine(io.Message)} (disk full: free space or write elsewhere)"),
        Errno.ENOTDIR => new(ExitCodes.UsageError, $"error: {OneLine(io.Message)} (a part of the path is a file, not a folder: check the path)"),
        Errno.EISDIR => new(ExitCodes.UsageError, $"error: {OneLine(io.Message)} (is a folder, not a regular file: give a file)"),
        _ => new(ExitCodes.IoError, $"error: {OneLine(io.Message)} (the operating system refused the read or write)"),
    };

    private static CliError Database(NpgsqlException npgsql)
    {
        for (Exception? inner = npgsql.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException socket)
            {
                // Npgsql sometimes repeats the socket's text as its own; say it once.
                var detail = npgsql.Message == socket.Message ? socket.Message : $"{OneLine(npgsql.Message)}: {socket.Message}";
                return Socket(socket, detail);
            }
            if (inner is TimeoutException) return new(ExitCodes.Unavailable, $"error: database: {OneLine(npgsql.Message)}: timed out ({DatabaseHint}, and that no firewall drops the connection)");
        }
        return new(ExitCodes.Unavailable, $"error: database: {OneLine(npgsql.Message)} ({DatabaseHint})");
    }

    private static CliError Socket(SocketException socket, string detail) => socket.SocketErrorCode switch
    {
        SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData =>
            new(ExitCodes.Unavailable, $"error: database host not found: {detail} (check {EnvironmentNames.DbHost} (or {EnvironmentNames.AdminConnectionString} for db migrate) and the machine's DNS)"),
        SocketError.TimedOut => new(ExitCodes.Unavailable, $"error: database: {detail}: timed out ({DatabaseHint})"),
        _ => new(ExitCodes.Unavailable, $"error: database unreachable: {detail} ({DatabaseHint})"),
    };

    private static CliError Postgres(PostgresException postgres) => postgres.SqlState switch
    {
        PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification =>
            new(ExitCodes.Unavailable, $"error: database refused the login: {OneLine(postgres.MessageText)} (check the lane's user and password in the env file)"),
        PostgresErrorCodes.InvalidCatalogName => new(ExitCodes.Unavailable, $"error: database: {OneLine(postgres.MessageText)} (check the database name in the configuration)"),
        PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.AdminShutdown =>
            new(ExitCodes.Unavailable, $"error: database unavailable: {OneLine(postgres.MessageText)} (try again once the server accepts connections)"),
        _ => new(ExitCodes.Failure, $"unexpected database error {postgres.SqlState}: {OneLine(postgres.MessageText)} (run again with --verbose for the stack trace and report it)"),
    };

    /// <summary>Some runtime messages span lines; the operator's line must stay one line.</summary>
    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
