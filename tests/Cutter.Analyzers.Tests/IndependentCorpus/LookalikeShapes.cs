using static Cutter.Analyzers.Tests.IndependentCorpus.Snippets;

namespace Cutter.Analyzers.Tests.IndependentCorpus;

/// <summary>
/// Clean categories: text that looks like a secret or a runtime id but is not one, as it appears in real code:
/// configuration keys, environment variable names, log templates, SQL, regexes, versions, well-known GUIDs,
/// documentation URLs and hosts, placeholders, public service hosts, image tags, formats. None may be reported.
/// </summary>
internal static class LookalikeShapes
{
    private const string Clean = Corpus.CorpusCase.Clean;

    public static IEnumerable<ShapeCategory> All =>
    [
        new("config-keys", Clean, (r, i) => Rotate(i,
            ("statement", $"Api.Send(configuration[\"{r.Pick(Keys)}\"] ?? \"\");"),
            ("statement", $"Api.Send(configuration.GetConnectionString(\"{r.Pick(["Default", "Cutter", "ReadOnly"])}\") ?? \"\");"),
            Member("PasswordKey", r.Pick(Keys)), Local("section", r.Pick(Keys)))),
        new("env-var-names", Clean, (r, i) => Rotate(i,
            ("statement", $"Api.Send(Environment.GetEnvironmentVariable(\"{r.Pick(EnvNames)}\") ?? \"\");"),
            Member("TokenVariable", r.Pick(EnvNames)), JsonPair("PasswordEnv", r.Pick(EnvNames)), Argument(r.Pick(EnvNames)))),
        new("log-templates", Clean, (r, i) => Rotate(i,
            ("statement", $"logger.LogInformation(\"{r.Pick(Templates)}\", name);"),
            ("statement", $"throw new InvalidOperationException(\"{r.Pick(Templates)}\");"),
            ("statement", $"Console.WriteLine(\"{r.Pick(Templates)}\");"))),
        new("sql", Clean, (r, i) => Rotate(i,
            Member("Query", r.Pick(Sql)), Local("sql", r.Pick(Sql)), Argument(r.Pick(Sql)))),
        new("regex-patterns", Clean, (r, i) => Rotate(i,
            ("statement", $"Api.Send(Regex.Replace(text, @\"{r.Pick(Patterns)}\", \"***\"));"),
            ("statement", $"var pattern = new Regex(@\"{r.Pick(Patterns)}\"); Api.Send(pattern.ToString());"),
            ("statement", $"if (Regex.IsMatch(text, @\"{r.Pick(Patterns)}\")) {{ Api.Send(text); }}"))),
        new("versions", Clean, (r, i) => Rotate(i,
            Member("Version", $"{r.Next(0, 20)}.{r.Next(0, 40)}.{r.Next(0, 500)}"),
            Argument($"{r.Next(1, 11)}.{r.Next(0, 10)}.{r.Next(100, 500)}-preview.{r.Next(1, 8)}.{r.Next(20000, 26000)}.{r.Next(1, 20)}"),
            JsonPair("SdkVersion", $"{r.Next(8, 11)}.0.{r.Next(100, 500)}"),
            Local("informational", $"1.{r.Next(0, 9)}.{r.Next(0, 9)}+{r.Of(ShapeRandom.Hex, 7)}"))),
        new("well-known-guids", Clean, (r, i) => Rotate(i,
            ("member", $"[System.Runtime.InteropServices.Guid(\"{r.Pick(WellKnownGuids)}\")] private interface IComThing {{ }}"),
            Member("Nil", "00000000-0000-0000-0000-000000000000"),
            Member("DnsNamespace", r.Pick(["6ba7b810-9dad-11d1-80b4-00c04fd430c8", "6ba7b811-9dad-11d1-80b4-00c04fd430c8", "6ba7b812-9dad-11d1-80b4-00c04fd430c8", "6ba7b814-9dad-11d1-80b4-00c04fd430c8"])),
            Member("Max", "ffffffff-ffff-ffff-ffff-ffffffffffff"),
            Member("CSharpProjectTypeClsid", r.Pick(WellKnownGuids)))),
        new("documentation-urls", Clean, (r, i) => Rotate(i,
            UriArgument(r.Pick(["https://learn.microsoft.com/dotnet/core/tools/", "https://www.postgresql.org/docs/current/libpq-connect.html", "https://github.com/gitleaks/gitleaks#configuration", "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html"])),
            Member("Example", r.Pick(["postgres://user:password@localhost:5432/db", "https://user:pass@example.com/path", "amqp://guest:guest@localhost:5672/", "redis://:${REDIS_PASSWORD}@cache:6379"])),
            JsonPair("Sample", r.Pick(["mongodb://<user>:<password>@cluster0.example.net/", "smtp://user:changeme@mail.example.org:587", "postgresql://app:${DB_PASSWORD}@db:5432/app"])),
            Argument(r.Pick(["https://api.example.com/v1/runs/{runId}", "http://localhost:8080/health", "https://docs.example.org/kb/{docId}"])))),
        new("placeholders", Clean, (r, i) => Rotate(i,
            Member("Password", r.Pick(["${DB_PASSWORD}", "<your-password>", "changeme", "********", "{{ vault_password }}"])),
            JsonPair("ApiKey", r.Pick(["${API_KEY}", "<api-key>", "REPLACE_ME", "your-api-key-here", ""])),
            Env("DB_PASSWORD", r.Pick(["${DB_PASSWORD}", "changeme", "<secret>", "%DB_PASSWORD%"])),
            Local("token", r.Pick(["<token>", "xxxxxxxxxxxxxxxxxxxx", "TODO", "$(GITHUB_TOKEN)"])))),
        new("public-service-hosts", Clean, (r, i) => Rotate(i,
            Member("ApiHost", r.Pick(["api.github.com", "registry.npmjs.org", "login.microsoftonline.com", "hooks.slack.com", "api.stripe.com"])),
            UriArgument(r.Pick(["https://api.github.com/repos/org/repo", "https://pypi.org/simple/", "https://storage.googleapis.com/", "https://sts.amazonaws.com/"])),
            Argument(r.Pick(["nuget.org", "ghcr.io", "quay.io", "mcr.microsoft.com"])))),
        new("image-tags", Clean, (r, i) => Rotate(i,
            Member("Image", r.Pick(["postgres:16-alpine", "mcr.microsoft.com/dotnet/sdk:10.0", "ghcr.io/org/cutter:1.4.2", "redis:7.2", "docker.io/library/alpine:3.20"])),
            Argument(r.Pick(["nginx:1.27-alpine", "rabbitmq:3-management", "mongo:7"])))),
        new("formats-and-names", Clean, (r, i) => Rotate(i,
            Member("Format", r.Pick(["yyyy-MM-dd'T'HH:mm:ss.fffZ", "yyyyMMdd-HHmmss", "o", "run-{0:yyyyMMdd-HHmmss}-{1}"])),
            Local("culture", r.Pick(["en-US", "de-CH", "fr-FR"])),
            Argument(r.Pick(["application/vnd.api+json", "text/plain; charset=utf-8", "X-Api-Key", "Authorization", "Bearer"])),
            Member("Cron", r.Pick(["0 */5 * * *", "*/15 * * * *"])),
            Member("FileName", r.Pick(["run-summary.json", "appsettings.Production.json", "grant-matrix.v2.yaml"])))),
        new("paths-and-identifiers", Clean, (r, i) => Rotate(i,
            Member("DataDir", r.Pick(["/var/lib/postgresql/data", "/etc/cutter/env", "./secrets/db.env", "~/.ssh/id_ed25519"])),
            Argument(r.Pick(["Cutter.Orchestration.Phases", "phase-07-write-units", "SG_1_cut_authz", "cutter-db-password-v2"])),
            JsonPair("KeyPath", r.Pick(["/run/secrets/db_password", "C:\\\\keys\\\\signing.pfx"])))),
        new("ids-in-messages", Clean, (r, i) => Rotate(i,
            ("statement", $"logger.LogWarning(\"run {{RunId}} failed on {{Host}}\", name, text);"),
            ("statement", $"throw new ArgumentException(\"expected a KB id such as KB-1234, got \" + name);"),
            ("statement", $"Console.WriteLine(\"usage: cutter status --run <uuid>\");"))),
        new("short-hex-and-numbers", Clean, (r, i) => Rotate(i,
            Member("Commit", r.Of(ShapeRandom.Hex, 7)), Argument(r.Of(ShapeRandom.Digits, 6)),
            Local("color", "#" + r.Of(ShapeRandom.Hex, 6)), Member("Port", r.Next(1024, 65535).ToString(System.Globalization.CultureInfo.InvariantCulture)))),
        new("config-runtime-values", Clean, (r, i) => Rotate(i,
            JsonPair("ExpectedHost", "vmi" + r.Of(ShapeRandom.Digits, 7)), JsonPair("RunId", r.Uuid4()),
            Env("DOT_CUTTER_DB_HOST", $"db-{r.Next(1, 9)}.fra.internal"), Env("KB_DOC", "KB-" + r.Next(100, 9999)))),
    ];

    private static readonly string[] Keys =
    [
        "Cutter:Db:Password", "ConnectionStrings:Default", "Smtp:ApiKey", "orchestrator:expected_host", "Storage:AccountKey",
        "Auth:ClientSecret", "GitHub:Token", "Runs:CurrentRunId",
    ];

    private static readonly string[] EnvNames =
    [
        "AWS_SECRET_ACCESS_KEY", "GITHUB_TOKEN", "DOT_CUTTER_DB_PASSWORD", "STRIPE_SECRET_KEY", "SLACK_WEBHOOK_URL", "NPM_TOKEN",
        "DATABASE_URL", "OPENAI_API_KEY",
    ];

    private static readonly string[] Templates =
    [
        "Connecting to {Host} as {User}", "Token {TokenId} expires at {Expiry}", "password for {User} rotated",
        "Run {RunId} finished in {Elapsed} ms", "invalid api key format", "secret {Name} not found in {Store}",
    ];

    private static readonly string[] Sql =
    [
        "SELECT run_id, host FROM runs WHERE run_id = @runId", "UPDATE credentials SET password_hash = @hash WHERE id = @id",
        "CREATE ROLE app LOGIN PASSWORD NULL", "INSERT INTO tokens (token_hash, expires_at) VALUES (@h, @e)",
    ];

    private static readonly string[] Patterns =
    [
        "ghp_[A-Za-z0-9]{36}", "AKIA[0-9A-Z]{16}", "(?<user>[^:]+):(?<password>[^@]+)@", "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
        "sk_live_[0-9a-zA-Z]{24}", "-----BEGIN [A-Z ]*PRIVATE KEY-----",
    ];

    private static readonly string[] WellKnownGuids =
    [
        "FAE04EC0-301F-11D3-BF4B-00C04F79EFBC", "2150E333-8FDC-42A3-9474-1A3956D46DE8", "9A19103F-16F7-4668-BE54-9A1E7A4F7556",
        "00020400-0000-0000-C000-000000000046", "00000000-0000-0000-C000-000000000046",
    ];
}
