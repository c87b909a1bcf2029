namespace Cutter.Configuration;

/// <summary>Names of the environment variables Cutter reads. The values are secrets or per-machine; the names are not.</summary>
internal static class EnvironmentNames
{
    public const string ExecUser = "DOT_CUTTER_EXEC_DB_USER";
    public const string ExecPassword = "DOT_CUTTER_EXEC_DB_PASSWORD";
    public const string VerifyUser = "DOT_CUTTER_VERIFY_DB_USER";
    public const string VerifyPassword = "DOT_CUTTER_VERIFY_DB_PASSWORD";
    public const string DbHost = "DOT_CUTTER_DB_HOST";
    public const string DbPort = "DOT_CUTTER_DB_PORT";
    public const string DbName = "DOT_CUTTER_DB_NAME";
    public const string DbSslMode = "DOT_CUTTER_DB_SSLMODE";
    /// <summary>Owner/admin connection used only by <c>cutter db migrate</c> and the disposable server.</summary>
    public const string AdminConnectionString = "DOT_CUTTER_ADMIN_CONNECTION";
    public const string KbApiKey = "AGENT_DATA_API_KEY";
    public const string KbApiUrl = "AGENT_DATA_API_URL";
    public const string BackupGpgFingerprint = "BACKUP_GPG_FPR";
    /// <summary>An existing PostgreSQL server for tests and rehearsals (an admin connection string).</summary>
    public const string ExistingTestServer = "CUTTER_TEST_PG";
    public const string VerifyRunId = "CUTTER_VERIFY_RUN_ID";
    public const string ConfigFile = "CUTTER_CONFIG";
    public const string EnvFile = "CUTTER_ENV_FILE";
}
