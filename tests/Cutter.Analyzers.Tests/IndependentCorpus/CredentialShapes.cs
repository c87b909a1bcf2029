using static Cutter.Analyzers.Tests.IndependentCorpus.Snippets;

namespace Cutter.Analyzers.Tests.IndependentCorpus;

/// <summary>
/// CUT001 categories: credentials in the shapes their issuers document (token prefixes and lengths from the
/// providers' own token-format pages and from public secret-scanner rule documentation), placed where real code and
/// configuration put them, including userinfo in URLs of every scheme.
/// </summary>
internal static class CredentialShapes
{
    private const string Secret = RuleIdentifiers.HardCodedSecret;

    public static IEnumerable<ShapeCategory> All =>
    [
        new("aws-access-key-id", Secret, (r, i) => Rotate(i,
            Member("AccessKeyId", Aws(r)), Argument(Aws(r)), JsonPair("AccessKeyId", Aws(r)), Env("AWS_ACCESS_KEY_ID", Aws(r)),
            Interpolated("aws_access_key_id=" + Aws(r) + "&region=", ""))),
        new("aws-secret-access-key", Secret, (r, i) => Rotate(i,
            Env("AWS_SECRET_ACCESS_KEY", r.Mixed(ShapeRandom.Base64, 40)), JsonPair("SecretAccessKey", r.Mixed(ShapeRandom.Base64, 40)),
            Local("awsSecretAccessKey", r.Mixed(ShapeRandom.Base64, 40)), Member("SecretKey", r.Mixed(ShapeRandom.Base64, 40)))),
        new("github-classic-pat", Secret, (r, i) => Rotate(i,
            Member("Token", "ghp_" + r.Mixed(ShapeRandom.Alnum, 36)), Argument("ghp_" + r.Mixed(ShapeRandom.Alnum, 36)),
            Env("GH_TOKEN", "ghp_" + r.Mixed(ShapeRandom.Alnum, 36)), Interpolated("token ghp_" + r.Mixed(ShapeRandom.Alnum, 36) + " for ", ""))),
        new("github-app-and-oauth-tokens", Secret, (r, i) => Rotate(i,
            Argument(r.Pick(["gho_", "ghu_", "ghs_", "ghr_"]) + r.Mixed(ShapeRandom.Alnum, 36)),
            JsonPair("InstallationToken", r.Pick(["ghs_", "ghu_"]) + r.Mixed(ShapeRandom.Alnum, 36)),
            Member("RefreshToken", "ghr_" + r.Mixed(ShapeRandom.Alnum, 36)))),
        new("github-fine-grained-pat", Secret, (r, i) => Rotate(i,
            Member("Pat", "github_pat_" + r.Mixed(ShapeRandom.Alnum, 22) + "_" + r.Mixed(ShapeRandom.Alnum, 59)),
            Env("GITHUB_PAT", "github_pat_" + r.Mixed(ShapeRandom.Alnum, 22) + "_" + r.Mixed(ShapeRandom.Alnum, 59)),
            Argument("github_pat_" + r.Mixed(ShapeRandom.Alnum, 22) + "_" + r.Mixed(ShapeRandom.Alnum, 59)))),
        new("gitlab-tokens", Secret, (r, i) => Rotate(i,
            Member("GitLabToken", "glpat-" + r.Mixed(ShapeRandom.UrlSafe, 20)), Env("CI_JOB_PAT", "glpat-" + r.Mixed(ShapeRandom.UrlSafe, 20)),
            Argument(r.Pick(["glptt-", "gldt-", "glrt-"]) + r.Mixed(ShapeRandom.UrlSafe, 20)), JsonPair("RunnerToken", "glrt-" + r.Mixed(ShapeRandom.UrlSafe, 20)))),
        new("slack-tokens", Secret, (r, i) => Rotate(i,
            Member("BotToken", "xoxb-" + r.Of(ShapeRandom.Digits, 12) + "-" + r.Of(ShapeRandom.Digits, 13) + "-" + r.Mixed(ShapeRandom.Alnum, 24)),
            Env("SLACK_USER_TOKEN", "xoxp-" + r.Of(ShapeRandom.Digits, 12) + "-" + r.Of(ShapeRandom.Digits, 12) + "-" + r.Of(ShapeRandom.Digits, 13) + "-" + r.Of(ShapeRandom.Hex, 32)),
            Argument("xoxb-" + r.Of(ShapeRandom.Digits, 11) + "-" + r.Of(ShapeRandom.Digits, 12) + "-" + r.Mixed(ShapeRandom.Alnum, 24)))),
        new("slack-webhook-url", Secret, (r, i) => Rotate(i,
            UriArgument($"https://hooks.slack.com/services/T{r.Of(ShapeRandom.Upper + ShapeRandom.Digits, 8)}/B{r.Of(ShapeRandom.Upper + ShapeRandom.Digits, 10)}/{r.Mixed(ShapeRandom.Alnum, 24)}"),
            JsonPair("WebhookUrl", $"https://hooks.slack.com/services/T{r.Of(ShapeRandom.Upper + ShapeRandom.Digits, 10)}/B{r.Of(ShapeRandom.Upper + ShapeRandom.Digits, 10)}/{r.Mixed(ShapeRandom.Alnum, 24)}"),
            Env("SLACK_WEBHOOK", $"https://hooks.slack.com/services/T{r.Of(ShapeRandom.Upper + ShapeRandom.Digits, 8)}/B{r.Of(ShapeRandom.Upper + ShapeRandom.Digits, 8)}/{r.Mixed(ShapeRandom.Alnum, 24)}"))),
        new("discord-webhook-url", Secret, (r, i) => Rotate(i,
            UriArgument($"https://discord.com/api/webhooks/{r.Of(ShapeRandom.Digits, 18)}/{r.Mixed(ShapeRandom.UrlSafe, 68)}"),
            JsonPair("Discord", $"https://discordapp.com/api/webhooks/{r.Of(ShapeRandom.Digits, 19)}/{r.Mixed(ShapeRandom.UrlSafe, 68)}"))),
        new("stripe-secret-keys", Secret, (r, i) => Rotate(i,
            Member("StripeKey", "sk_live_" + r.Mixed(ShapeRandom.Alnum, 24)), Env("STRIPE_SECRET_KEY", "sk_live_" + r.Mixed(ShapeRandom.Alnum, 99)),
            Argument("rk_live_" + r.Mixed(ShapeRandom.Alnum, 34)), JsonPair("Stripe:Restricted", "rk_live_" + r.Mixed(ShapeRandom.Alnum, 24)))),
        new("stripe-webhook-secret", Secret, (r, i) => Rotate(i,
            Member("SigningSecret", "whsec_" + r.Mixed(ShapeRandom.Alnum, 32)), Env("STRIPE_WEBHOOK_SECRET", "whsec_" + r.Mixed(ShapeRandom.Alnum, 32)))),
        new("google-api-key", Secret, (r, i) => Rotate(i,
            Argument("AIza" + r.Mixed(ShapeRandom.UrlSafe, 35)), JsonPair("MapsKey", "AIza" + r.Mixed(ShapeRandom.UrlSafe, 35)),
            UriArgument("https://maps.googleapis.com/maps/api/geocode/json?key=AIza" + r.Mixed(ShapeRandom.UrlSafe, 35)))),
        new("google-oauth-client-secret", Secret, (r, i) => Rotate(i,
            JsonPair("client_secret", "GOCSPX-" + r.Mixed(ShapeRandom.UrlSafe, 28)), Member("OAuthSecret", "GOCSPX-" + r.Mixed(ShapeRandom.UrlSafe, 28)))),
        new("sendgrid-api-key", Secret, (r, i) => Rotate(i,
            Env("SENDGRID_API_KEY", "SG." + r.Mixed(ShapeRandom.UrlSafe, 22) + "." + r.Mixed(ShapeRandom.UrlSafe, 43)),
            Argument("SG." + r.Mixed(ShapeRandom.UrlSafe, 22) + "." + r.Mixed(ShapeRandom.UrlSafe, 43)))),
        new("twilio-api-key", Secret, (r, i) => Rotate(i,
            Member("TwilioKey", "SK" + r.Of(ShapeRandom.Hex, 32)), Env("TWILIO_API_KEY", "SK" + r.Of(ShapeRandom.Hex, 32)))),
        new("npm-and-pypi-tokens", Secret, (r, i) => Rotate(i,
            Env("NPM_TOKEN", "npm_" + r.Mixed(ShapeRandom.Alnum, 36)), Argument("npm_" + r.Mixed(ShapeRandom.Alnum, 36)),
            Env("TWINE_PASSWORD", "pypi-AgEIcHlwaS5vcmc" + r.Mixed(ShapeRandom.UrlSafe, 60)))),
        new("nuget-api-key", Secret, (r, i) => Rotate(i,
            Env("NUGET_API_KEY", "oy2" + r.Of(ShapeRandom.Lower + ShapeRandom.Digits, 43)), Member("NuGetKey", "oy2" + r.Of(ShapeRandom.Lower + ShapeRandom.Digits, 43)))),
        new("openai-and-anthropic-keys", Secret, (r, i) => Rotate(i,
            Env("OPENAI_API_KEY", "sk-proj-" + r.Mixed(ShapeRandom.UrlSafe, 40) + "T3BlbkFJ" + r.Mixed(ShapeRandom.UrlSafe, 40)),
            Member("AnthropicKey", "sk-ant-api03-" + r.Mixed(ShapeRandom.UrlSafe, 93) + "AA"),
            Argument("sk-" + r.Mixed(ShapeRandom.Alnum, 20) + "T3BlbkFJ" + r.Mixed(ShapeRandom.Alnum, 20)))),
        new("hugging-face-token", Secret, (r, i) => Rotate(i,
            Env("HF_TOKEN", "hf_" + r.Of(ShapeRandom.Upper + ShapeRandom.Lower, 34)), Argument("hf_" + r.Of(ShapeRandom.Upper + ShapeRandom.Lower, 34)))),
        new("digitalocean-token", Secret, (r, i) => Rotate(i,
            Env("DIGITALOCEAN_TOKEN", "dop_v1_" + r.Of(ShapeRandom.Hex, 64)), Member("DoToken", "dop_v1_" + r.Of(ShapeRandom.Hex, 64)))),
        new("telegram-bot-token", Secret, (r, i) => Rotate(i,
            Env("TELEGRAM_BOT_TOKEN", r.Of("123456789", 1) + r.Of(ShapeRandom.Digits, 9) + ":AA" + r.Mixed(ShapeRandom.UrlSafe, 33)),
            Argument(r.Of("123456789", 1) + r.Of(ShapeRandom.Digits, 8) + ":AA" + r.Mixed(ShapeRandom.UrlSafe, 33)))),
        new("shopify-and-mailgun", Secret, (r, i) => Rotate(i,
            Member("ShopifyToken", "shpat_" + r.Of(ShapeRandom.Hex, 32)), Env("MAILGUN_API_KEY", "key-" + r.Of(ShapeRandom.Hex, 32)))),
        new("json-web-token", Secret, (r, i) => Rotate(i,
            Member("ServiceJwt", Jwt(r)), Interpolated("Bearer " + Jwt(r), ""), JsonPair("Token", Jwt(r)), Argument(Jwt(r)))),
        new("pem-private-key", Secret, (r, i) => Rotate(i,
            Member("SigningKeyPem", Pem(r.Pick(["RSA ", "EC ", "OPENSSH ", "", "ENCRYPTED "]), r.Mixed(ShapeRandom.Base64, 64))),
            JsonPair("private_key", Pem("", r.Mixed(ShapeRandom.Base64, 64)) + "\n"),
            Verbatim(Pem("OPENSSH ", r.Mixed(ShapeRandom.Base64, 70))))),
        new("azure-storage-connection", Secret, (r, i) => Rotate(i,
            JsonPair("Storage", $"DefaultEndpointsProtocol=https;AccountName=st{r.Of(ShapeRandom.Lower, 8)};AccountKey={r.Mixed(ShapeRandom.Base64, 86)}==;EndpointSuffix=core.windows.net"),
            Member("BlobConnection", $"DefaultEndpointsProtocol=https;AccountName=st{r.Of(ShapeRandom.Lower, 8)};AccountKey={r.Mixed(ShapeRandom.Base64, 86)}==;"))),
        new("azure-sas-url", Secret, (r, i) => Rotate(i,
            UriArgument($"https://st{r.Of(ShapeRandom.Lower, 8)}.blob.core.windows.net/backups?sv=2022-11-02&ss=b&srt=co&sp=rwl&se=2027-01-01T00:00:00Z&spr=https&sig={r.Mixed(ShapeRandom.Alnum, 43)}%3D"),
            JsonPair("SasUrl", $"https://st{r.Of(ShapeRandom.Lower, 8)}.blob.core.windows.net/c?sp=r&st=2026-01-01&se=2027-01-01&sv=2022-11-02&sr=c&sig={r.Mixed(ShapeRandom.Alnum, 44)}%3D"))),
        new("database-url-userinfo", Secret, (r, i) => Rotate(i,
            Member("DatabaseUrl", $"{r.Pick(["postgres", "postgresql", "mysql", "mariadb"])}://{r.Pick(["app", "svc_cutter", "admin"])}:{Password(r)}@db{r.Next(1, 9)}.{r.Pick(["prod", "eu"])}.corp.net:5432/cutter"),
            JsonPair("Database", $"postgresql://cutter:{Password(r)}@pg.{r.Of(ShapeRandom.Lower, 6)}.net/cutter?sslmode=require"),
            Env("DATABASE_URL", $"postgres://app:{Password(r)}@{r.Of(ShapeRandom.Lower, 6)}.rds.amazonaws.com:5432/app"),
            Interpolated($"Host=db;postgres://reader:{Password(r)}@", "/reports"))),
        new("document-store-url-userinfo", Secret, (r, i) => Rotate(i,
            Member("MongoUrl", $"mongodb+srv://{r.Pick(["app", "etl"])}:{Password(r)}@cluster0.{r.Of(ShapeRandom.Lower + ShapeRandom.Digits, 5)}.mongodb.net/app?retryWrites=true"),
            Env("MONGO_URL", $"mongodb://root:{Password(r)}@mongo-{r.Next(0, 3)}.data:27017/admin"),
            Interpolated($"mongodb://etl:{Password(r)}@", ":27017/"))),
        new("cache-and-queue-url-userinfo", Secret, (r, i) => Rotate(i,
            Member("RedisUrl", $"redis://:{Password(r)}@cache.{r.Of(ShapeRandom.Lower, 5)}.net:6379/0"),
            JsonPair("Redis", $"rediss://default:{Password(r)}@{r.Of(ShapeRandom.Lower, 8)}.cache.amazonaws.com:6380"),
            Env("AMQP_URL", $"amqps://{r.Pick(["worker", "svc"])}:{Password(r)}@{r.Of(ShapeRandom.Lower, 6)}.cloudamqp.com/vhost"),
            Interpolated($"amqp://svc:{Password(r)}@", "/"))),
        new("mail-and-file-url-userinfo", Secret, (r, i) => Rotate(i,
            Member("SmtpUrl", $"smtp://{r.Pick(["mailer", "apikey"])}:{Password(r)}@smtp.{r.Of(ShapeRandom.Lower, 7)}.com:587"),
            Env("MAIL_URL", $"smtps://noreply%40corp.net:{Password(r)}@mail.{r.Of(ShapeRandom.Lower, 5)}.net:465"),
            Argument($"ftp://backup:{Password(r)}@files.{r.Of(ShapeRandom.Lower, 6)}.net/dumps"),
            JsonPair("Sftp", $"sftp://deploy:{Password(r)}@{r.Of(ShapeRandom.Lower, 6)}.net:22/srv"))),
        new("http-url-userinfo", Secret, (r, i) => Rotate(i,
            UriArgument($"https://deploy:{Password(r)}@git.{r.Of(ShapeRandom.Lower, 6)}.net/team/repo.git"),
            Interpolated($"https://ci:{Password(r)}@", "/api/v4/projects"),
            JsonPair("Registry", $"https://robot:{Password(r)}@registry.{r.Of(ShapeRandom.Lower, 6)}.io/v2/"),
            Member("ProxyUrl", $"http://proxyuser:{Password(r)}@proxy.{r.Of(ShapeRandom.Lower, 6)}.net:3128"))),
        new("connection-string-password", Secret, (r, i) => Rotate(i,
            Member("ConnectionString", $"Host=pg.{r.Of(ShapeRandom.Lower, 6)}.net;Username=app;Password={Password(r)};Database=cutter"),
            JsonPair("DefaultConnection", $"Server=tcp:{r.Of(ShapeRandom.Lower, 6)}.database.windows.net,1433;User ID=app;Password={Password(r)};Encrypt=True;"),
            Local("connectionString", $"Data Source=db;Initial Catalog=app;User Id=sa;Pwd={Password(r)};"),
            Env("ConnectionStrings__Default", $"Host=db;Username=app;Password={Password(r)}"))),
        new("http-authorization-header", Secret, (r, i) => Rotate(i,
            Member("AuthHeader", "Authorization: Basic " + r.Mixed(ShapeRandom.Base64, 28) + "=="),
            Local("header", "Authorization: Bearer " + r.Mixed(ShapeRandom.UrlSafe, 40)),
            JsonPair("Headers", "Authorization: Bearer " + r.Mixed(ShapeRandom.UrlSafe, 48)))),
        new("password-bound-by-name", Secret, (r, i) => Rotate(i,
            Member("SmtpPassword", Password(r)), Local("dbPassword", Password(r)), Assignment("Password", Password(r)),
            JsonPair("AdminPassword", Password(r)), Env("REDIS_PASSWORD", Password(r)), Property("ServicePassword", Password(r)))),
        new("api-key-bound-by-name", Secret, (r, i) => Rotate(i,
            Member("ApiKey", r.Mixed(ShapeRandom.Alnum, 32)), JsonPair("api_key", r.Of(ShapeRandom.Hex, 32) + "9f"),
            Env("DD_API_KEY", r.Of(ShapeRandom.Hex, 30) + "a1"), Local("clientSecret", r.Mixed(ShapeRandom.UrlSafe, 40)),
            StaticField("WebhookSecret", r.Mixed(ShapeRandom.Alnum, 28)))),
    ];

    /// <summary>A PEM block; the armour is assembled so that no literal in this file is itself a key header.</summary>
    private static string Pem(string kind, string body)
    {
        const string dashes = "-----";
        return dashes + "BEGIN " + kind + "PRIVATE KEY" + dashes + "\n" + body + "\n" + dashes + "END " + kind + "PRIVATE KEY" + dashes;
    }

    private static string Aws(ShapeRandom r) => r.Pick(["AKIA", "ASIA"]) + r.Of(ShapeRandom.Upper + "234567", 16);

    private static string Jwt(ShapeRandom r) =>
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ" + r.Mixed(ShapeRandom.UrlSafe, 40) + "." + r.Mixed(ShapeRandom.UrlSafe, 43);

    /// <summary>A generated password: letters, digits and the symbols password managers use that need no URL escaping.</summary>
    private static string Password(ShapeRandom r) => r.Mixed(ShapeRandom.Alnum + "!*-_.~", r.Next(14, 28));
}
