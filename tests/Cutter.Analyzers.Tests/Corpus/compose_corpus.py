#!/usr/bin/env python3
"""Composes cases.tsv, the labelled corpus for CorpusTests: expected<TAB>kind<TAB>snippet, one case per line.

expected: CUT001 (secret), CUT002 (runtime id) or clean. kind: member (C# class member), statement (C# statement in a
method), json (one appsettings line), env (one env-file line). Secret values are random and fake (fixed seed, so the
file is reproducible); they exist only in this data file, never as C# literals. Run: python3 compose_corpus.py > cases.tsv
"""
import base64
import json
import random
import string

r = random.Random(20261124)
ALNUM = string.ascii_letters + string.digits
UP = string.ascii_uppercase + string.digits
HEX = "0123456789abcdef"
B64 = ALNUM + "+/"


def rs(n, alphabet=ALNUM):
    return "".join(r.choice(alphabet) for _ in range(n))


def b64url(obj):
    return base64.urlsafe_b64encode(json.dumps(obj).encode()).decode().rstrip("=")


def uuid():
    h = rs(32, HEX)
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:]}"


def jwt():
    return b64url({"alg": "HS256", "typ": "JWT"}) + "." + b64url({"sub": rs(8), "iat": r.randint(10**9, 2 * 10**9)}) + "." + rs(43, ALNUM + "-_")


def pem(kind):
    return f"-----BEGIN {kind}PRIVATE KEY-----\\n{rs(64, B64)}\\n-----END {kind}PRIVATE KEY-----"


# Credential formats: (description, generator).
formats = [
    lambda: "AKIA" + rs(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"),
    lambda: "ASIA" + rs(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"),
    lambda: "ghp_" + rs(36),
    lambda: "gho_" + rs(36),
    lambda: "ghs_" + rs(36),
    lambda: "github_pat_" + rs(22) + "_" + rs(59),
    lambda: "glpat-" + rs(20, ALNUM + "_-"),
    lambda: "GR1348941" + rs(20, ALNUM + "_-"),
    lambda: "xoxb-" + rs(12, string.digits) + "-" + rs(13, string.digits) + "-" + rs(24),
    lambda: "xoxp-" + rs(12, string.digits) + "-" + rs(12, string.digits) + "-" + rs(13, string.digits) + "-" + rs(32, HEX),
    lambda: "https://hooks.slack.com/services/T" + rs(8, UP) + "/B" + rs(10, UP) + "/" + rs(24),
    lambda: "https://discord.com/api/webhooks/" + rs(18, string.digits) + "/" + rs(68, ALNUM + "_-"),
    lambda: "https://contoso.webhook.office.com/webhookb2/" + uuid() + "@" + uuid() + "/IncomingWebhook/" + rs(32, HEX) + "/" + uuid(),
    lambda: "sk_live_" + rs(24),
    lambda: "rk_live_" + rs(24),
    lambda: "sk_test_" + rs(24),
    lambda: "whsec_" + rs(32),
    lambda: "SG." + rs(22, ALNUM + "_-") + "." + rs(43, ALNUM + "_-"),
    lambda: "SK" + rs(32, HEX),
    lambda: jwt(),
    lambda: pem("RSA "),
    lambda: pem(""),
    lambda: pem("OPENSSH "),
    lambda: pem("EC "),
    lambda: "AIza" + rs(35, ALNUM + "_-"),
    lambda: "npm_" + rs(36),
    lambda: "pypi-AgEIcHlwaS5vcmc" + rs(60, ALNUM + "_-"),
    lambda: "sk-proj-" + rs(24) + "T3BlbkFJ" + rs(24),
    lambda: "sk-ant-api03-" + rs(90, ALNUM + "_-"),
    lambda: "hf_" + rs(34, string.ascii_letters),
    lambda: rs(10, string.digits).lstrip("0").rjust(10, "1") + ":AA" + rs(33, ALNUM + "_-"),
    lambda: "shpat_" + rs(32, HEX),
    lambda: "dop_v1_" + rs(64, HEX),
    lambda: "https://deploy:" + rs(14) + "@git.corp.internal/repo.git",
    lambda: "postgres://cutter_exec:" + rs(16) + "@db.corp.internal:5432/cutter",
    lambda: "amqp://svc:" + rs(12) + "@mq.corp.internal/",
    lambda: "Host=db.corp.internal;Username=cutter_exec;Password=" + rs(18) + ";Database=cutter",
    lambda: "Server=sql01;Database=app;User Id=sa;Password=" + rs(14) + ";",
    lambda: "Data Source=db;Initial Catalog=x;User ID=app;Pwd=" + rs(14),
    lambda: "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=" + rs(86, B64) + "==;EndpointSuffix=core.windows.net",
    lambda: "GOCSPX-" + rs(28, ALNUM + "_-"),
    lambda: "key-" + rs(32, HEX),
]

secret_names = ["apiKey", "ApiKey", "clientSecret", "Password", "dbPassword", "DB_PASSWORD", "accessToken", "AuthToken",
                "privateKey", "signingKey", "Secret", "webhookSecret", "encryptionKey", "passphrase", "SasToken", "Credentials",
                "masterKey", "refreshToken", "ApiSecret", "botToken"]


def high_entropy():
    return r.choice([rs(24), rs(32, HEX), rs(40, B64), rs(12) + "!" + rs(6), rs(20, ALNUM + "_-"), "Tr0ub4dor&" + rs(4, string.digits)])


def secret_member(value, name):
    return r.choice([
        f'private const string {name} = "{value}";',
        f'public static readonly string {name} = "{value}";',
        f'public string {name} {{ get; set; }} = "{value}";',
        f'public string {name} => "{value}";',
        f'void M(string {name[0].lower() + name[1:]} = "{value}") {{ }}',
    ])


def secret_statement(value, name):
    lname = name[0].lower() + name[1:]
    return r.choice([
        f'var {lname} = "{value}";',
        f'settings["{name}"] = "{value}";',
        f'var d = new Dictionary<string, string> {{ ["{name}"] = "{value}" }};',
        f'var d = new Dictionary<string, string> {{ {{ "{name}", "{value}" }} }};',
        f'settings.Add("{name}", "{value}");',
        f'var o = new {{ {name} = "{value}" }};',
        f'Api.Configure({lname}: "{value}");',
        f'var {lname} = configuration["x"] ?? "{value}";',
    ])


rows = []


def add(expected, kind, snippet):
    assert "\t" not in snippet and "\n" not in snippet, snippet
    rows.append((expected, kind, snippet))


# ---- CUT001: each credential format in code (field, local, argument, interpolated) and in config.
for i, f in enumerate(formats):
    value = f()
    add("CUT001", "member", f'private const string Value{i} = "{value}";')
    value = f()
    add("CUT001", "statement", r.choice([f'Api.Send("{value}");', f'var x = "{value}";', f'Use(new Uri("{value}"));' if value.startswith("http") else f'var y = $"prefix {{x}} {value}";']))
    value = f()
    add("CUT001", "json", f'"Setting{i}": "{value}",')
    if i % 2 == 0:
        value = f()
        add("CUT001", "env", f'EXTERNAL_VALUE_{i}={value}')

# ---- CUT001: high-entropy values bound to secret-like names, every binding shape.
for i in range(50):
    name = secret_names[i % len(secret_names)]
    if i % 2 == 0:
        add("CUT001", "member", secret_member(high_entropy(), name))
    else:
        add("CUT001", "statement", secret_statement(high_entropy(), name))
for name in ["Password", "ApiKey", "ClientSecret", "Token", "SigningKey", "aws_secret_access_key", "webhook_secret", "SmtpPassword"]:
    add("CUT001", "json", f'"{name}": "{high_entropy()}",')
    add("CUT001", "env", f'{name.upper()}="{high_entropy()}"')
add("CUT001", "statement", f'Api.Connect("db.corp.internal", "{high_entropy()}");')
add("CUT001", "statement", f'Api.UseToken("{high_entropy()}");')

# ---- CUT002: runtime ids in code.
id_names = ["RunId", "runId", "ReviewDecisionId", "TargetRun", "DocumentUuid", "correlationId", "Id", "rulingId"]
for i in range(14):
    u = uuid()
    add("CUT002", "statement", r.choice([f'var id = Guid.Parse("{u}");', f'var id = new Guid("{u}");', f'var g = Guid.Parse("{u.upper()}");',
                                          f'var g = new Guid("{{{u}}}");']))
    add("CUT002", "member", f'const string {id_names[i % len(id_names)]} = "{uuid()}";')
for i in range(16):
    kb = f"KB-{r.randint(1, 99999)}"
    add("CUT002", "statement" if i % 2 else "member",
        r.choice([f'const string TargetDocument = "{kb}";', f'public static readonly string Doc = "{kb}";']) if i % 2 == 0
        else r.choice([f'var doc = "{kb}";', f'var docs = new[] {{ "{kb}", "KB-{r.randint(1, 999)}" }};', f'Api.Fetch("{kb}");']))
hosts = ["cutter-prod-01.corp.internal", "db01.prod.acme.lan", "10.12.0.7", "pg-primary-3", "kb.internal.acme.io", "172.16.4.20",
         "web7", "build-agent-12.ci.acme.net", "srv-db-02.corp", "192.168.10.5"]
host_names = ["ExpectedHost", "dbHost", "DB_HOST", "ServerName", "MachineName", "hostname", "Server", "host"]
for i, h in enumerate(hosts):
    n = host_names[i % len(host_names)]
    add("CUT002", "member" if i % 2 == 0 else "statement",
        f'const string {n} = "{h}";' if i % 2 == 0 else f'var {n[0].lower() + n[1:]} = "{h}";')
    add("CUT002", "statement", f'Api.Connect(host: "{hosts[(i + 3) % len(hosts)]}", password: configuration["p"]);')
for i in range(6):
    add("CUT002", "member", f'const string Conn{i} = "Host={hosts[i]};Port=5432;Database=cutter;Username=cutter_verify";')
for i in range(12):
    sha = rs(64, HEX)
    add("CUT002", "member" if i % 2 else "statement",
        r.choice([f'const string ExpectedGrantMatrixSha = "{sha}";', f'static readonly string Pin = "sha256:{sha}";']) if i % 2
        else r.choice([f'var expected = "{sha}";', f'Assert.Equal("{sha.upper()}", actual);', f'Api.Verify("{sha}");']))
for n in ["BackupGpgFpr", "SigningKeyFingerprint", "CertThumbprint", "ReleaseCommit", "ManifestSha1", "KeyFpr"]:
    add("CUT002", "member", f'const string {n} = "{rs(40, HEX).upper() if "Fpr" in n else rs(40, HEX)}";')

# ---- clean look-alikes in code.
clean_members = [
    'public const string ExecPassword = "DOT_CUTTER_EXEC_DB_PASSWORD";',
    'public const string VerifyPassword = "DOT_CUTTER_VERIFY_DB_PASSWORD";',
    'public const string KbApiKey = "AGENT_DATA_API_KEY";',
    'public const string BackupGpgFingerprint = "BACKUP_GPG_FPR";',
    'public const string AdminConnectionString = "DOT_CUTTER_ADMIN_CONNECTION";',
    'const string PasswordKey = "orchestrator:db_password";',
    'const string SecretSection = "Secrets:Database";',
    'const string TokenHeader = "X-Api-Token";',
    'const string ApiKeyHeaderName = "X-Api-Key";',
    'const string PasswordPlaceholder = "<password>";',
    'const string Password = "changeme";',
    'const string ApiKey = "${AGENT_DATA_API_KEY}";',
    'const string Token = "{{ token }}";',
    'const string Secret = "%CUTTER_SECRET%";',
    'const string ClientSecret = "$(ClientSecret)";',
    'const string Password = "";',
    'const string Password = "********";',
    'const string ApiKey = "your-api-key-here";',
    'const string Token = "REDACTED";',
    'const string TokenType = "Bearer";',
    'const string PasswordHint = "use your badge number";',
    'const string PasswordFile = "/run/secrets/db_password";',
    'const string SecretsPath = "./secrets.env";',
    'const string TokenEndpoint = "https://login.example.com/oauth2/token";',
    'const string PasswordPattern = "^(?=.*[A-Z])(?=.*[0-9]).{12,}$";',
    'const string SecretName = "cutter-db-password-v2";',
    'const string ApiKeyEnv = "AGENT_DATA_API_KEY";',
    'const string AwsExample = "AKIAIOSFODNN7EXAMPLE";',
    'const string PublishableKey = "pk_live_' + rs(24) + '";',
    'const string StripePublishable = "pk_test_' + rs(24) + '";',
    'const string Logo = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";',
    'const string Version = "10.0.401";',
    'const string Culture = "en-US";',
    'const string ContentType = "application/vnd.cutter.report+json";',
    'const string Cron = "0 */5 * * * ?";',
    'const string Color = "#FF00AA";',
    'const string DateFormat = "yyyy-MM-ddTHH:mm:ssZ";',
    'const string Host = "localhost";',
    'const string DbHost = "127.0.0.1";',
    'const string ServerName = "db.example.com";',
    'const string HostKey = "orchestrator:expected_host";',
    'const string HostVariable = "DOT_CUTTER_DB_HOST";',
    'const string Server = "primary";',
    'const string Nil = "00000000-0000-0000-0000-000000000000";',
    'static readonly Guid Empty = Guid.Empty;',
    'static readonly Guid Fresh = Guid.NewGuid();',
    'const string KbFormat = "KB-<digits>";',
    'const string KbPrefix = "KB-";',
    'const string GrantMatrixShaKey = "expected_grant_matrix_sha";',
    'const string ShaPattern = "^[0-9a-f]{64}$";',
    'const string UuidPattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";',
    'const string Sql = "SELECT count(*) FROM cutter.unit WHERE document_code = $1";',
    'const string GrantSql = "ALTER ROLE cutter_exec WITH LOGIN PASSWORD $1";',
    'const string CreateSql = "CREATE TABLE cutter_governance.review_decision (id uuid PRIMARY KEY, decided_at timestamptz NOT NULL)";',
    'const string EnableSql = "UPDATE cutter_governance.flag SET value = true WHERE name = \'__execution_enabled__\'";',
    'const string GateName = "SG_1_cut_authz";',
    'public const string CutAuthorization = "SG_1_cut_authz";',
    'public const string LifecycleAuthorization = "SG_2_lifecycle_authz";',
    'const string TokenStage = "stage-02-token-refresh";',
    'const string PasswordPolicyVersion = "policy_v3";',
    'const string Allowance = "explicit";',
    'const string StopCode = "STOP_APPROVAL_EXPIRED";',
    'const string Address = "ch-2/art-44/cl-3/pt-a";',
    'const string DocumentCode = "ICX-CONST";',
    'const string Lane = "cutter_exec";',
    'const string Schema = "cutter_governance";',
    'const string Phase = "phase-07-write-units";',
    'const string Template = "{0} of {1} units written";',
    'const string Sha256Name = "SHA256";',
    'const string HashAlgorithm = "sha256";',
    'const string Password = "password";',
    'const string Secret = "secret";',
    'const string Token = "token";',
    'const string ApiKey = "api_key";',
    'const string Url = "https://api.example.com/v1/documents";',
    'const string GitUrl = "https://git@github.com/acme/cutter.git";',
    'const string Mailto = "mailto:ops@example.com";',
    'const string Sample = "The quick brown fox jumps over the lazy dog";',
    '// 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 is sha256("test")',
    '/// <summary>Pinned as 3f2504e0-4f89-11d3-9a0c-0305e82c3301 in the old system, see KB-2185.</summary>',
    '[System.Text.RegularExpressions.GeneratedRegex("AKIA[0-9A-Z]{16}")] private static partial System.Text.RegularExpressions.Regex Aws();',
    'const string PasswordRule = "password must contain 12 characters";',
    'const int Port = 5432;',
    'const string EnvFileName = "cutter.env";',
    'const string SecretsDir = "secrets";',
    'const string CommitMessage = "fix: rotate token handling";',
    'const string Short = "abc";',
    'const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";',
    'const string Base32 = "0123456789abcdefghijklmnopqrstuv";',
    'const string HostHeader = "Host";',
    'const string Greeting = "Hello, operator";',
    'const string Separator = "----------------------------------------";',
    'const string TokenPrefix = "ghp_";',
    'const string PemHeader = "-----BEGIN PUBLIC KEY-----";',
    'const string Cert = "-----BEGIN CERTIFICATE-----";',
]
clean_statements = [
    'var password = Environment.GetEnvironmentVariable("DOT_CUTTER_EXEC_DB_PASSWORD");',
    'var apiKey = Environment.GetEnvironmentVariable("AGENT_DATA_API_KEY") ?? throw new InvalidOperationException("AGENT_DATA_API_KEY is not set");',
    'var host = configuration["orchestrator:expected_host"];',
    'var sha = configuration.GetValue<string>("orchestrator:expected_grant_matrix_sha");',
    'var section = configuration.GetSection("orchestrator");',
    'var conn = configuration.GetConnectionString("Default");',
    'logger.LogInformation("password rejected for lane {Lane}", lane);',
    'logger.LogWarning("token expired; refreshing the api key");',
    'logger.LogError("run {RunId} stopped: KB-2185 changed during the run", runId);',
    'Console.WriteLine("Enter the password for cutter_exec:");',
    'Console.WriteLine($"secret {name} rotated");',
    'throw new InvalidOperationException("the password must come from DOT_CUTTER_EXEC_DB_PASSWORD");',
    'throw new ArgumentException($"\'{text}\' is not of the form KB-<digits> (for example KB-2185)", nameof(text));',
    'throw new FormatException("expected a UUID like 3f2504e0-4f89-11d3-9a0c-0305e82c3301");',
    'var ok = Regex.IsMatch(value, "^KB-[0-9]{1,9}$");',
    'var re = new Regex("(?i)password\\\\s*=\\\\s*([^;]+)");',
    'var m = Regex.Match(text, "ghp_[A-Za-z0-9]{36}");',
    'var id = Guid.NewGuid();',
    'var none = Guid.Empty;',
    'var name = nameof(password);',
    'var key = "Password";',
    'settings["Password"] = password;',
    'var d = new Dictionary<string, string> { ["Password"] = password };',
    'Api.Connect(host, password);',
    'Api.Connect(host: host, password: password);',
    'var sql = "SELECT id FROM cutter.run WHERE id = \'3f2504e0-4f89-11d3-9a0c-0305e82c3301\'";',
    'var sql = "INSERT INTO cutter_governance.review_decision (id, gate) VALUES ($1, $2)";',
    'var label = $"run {runId} on {host}";',
    'var path = Path.Combine(root, "state.json");',
    'var url = $"{baseUrl}/documents/{docId}";',
    'var header = "Authorization";',
    'var scheme = "Bearer";',
    'var auth = $"Bearer {token}";',
    'var mask = new string(\'*\', 8);',
    'var empty = string.Empty;',
    'var hex = Convert.ToHexStringLower(bytes);',
    'var message = "the grant-matrix sha must equal the pin";',
    'var text = "see KB-2185 for the charter";',
    'var hostLine = "host identity matches config";',
    'Api.Fetch(docId);',
    'var fmt = string.Format(CultureInfo.InvariantCulture, "{0}:{1}", a, b);',
    'var x = 42;',
    'var nil = new Guid("00000000-0000-0000-0000-000000000000");',
    'var sample = "lorem ipsum dolor sit amet";',
    'var redacted = "***";',
    'var dummy = "dummy-token-for-docs";',
    'var local = "localhost:5432";',
    'var loopback = "Host=localhost;Port=5432;Database=cutter;Username=cutter_verify";',
    'var example = "Host=db.example.com;Password=<password>;Database=cutter";',
    'var template = "Host={0};Password={1}";',
    'var envConn = "Host=${DB_HOST};Password=${DB_PASSWORD}";',
    'var u = new Uri("postgres://cutter_exec@db.corp.internal:5432/cutter");',
    'var v = "https://user:${PASSWORD}@example.com/";',
]
for s in clean_members:
    add("clean", "member", s)
for s in clean_statements:
    add("clean", "statement", s)

# ---- config files: secrets were added above; clean lines here (runtime ids are configuration's job).
clean_json = [
    '"LogLevel": "Information",', '"Password": "",', '"Password": "${DB_PASSWORD}",', '"ApiKey": "<set in environment>",',
    '"expected_host": "cutter-prod-01.corp.internal",', '"expected_grant_matrix_sha": "' + rs(64, HEX) + '",',
    '"target_document": "KB-2185",', '"run_id": "' + uuid() + '",', '"sidecar_root": "/var/lib/cutter/sidecar",',
    '"ConnectionStrings": { "Default": "Host=localhost;Database=cutter;Username=cutter_verify" },',
    '"AllowedHosts": "*",', '"Token": "REDACTED",', '"PasswordEnv": "DOT_CUTTER_EXEC_DB_PASSWORD",',
    '"Url": "https://kb.example.com/api",', '"Secret": "changeme",', '"TokenType": "Bearer",',
    '"Timeout": "00:00:30",', '"Culture": "en-US",', '"backup_gpg_fpr": "' + rs(40, HEX).upper() + '",',
    '"pinned_counts": { "ICX-CONST": 412 },',
]
clean_env = [
    "DOT_CUTTER_DB_HOST=db01.corp.internal", "DOT_CUTTER_DB_PORT=5432", "DOT_CUTTER_DB_NAME=cutter", "DOT_CUTTER_DB_SSLMODE=require",
    "DOT_CUTTER_EXEC_DB_PASSWORD=", "DOT_CUTTER_VERIFY_DB_PASSWORD=${VAULT_VERIFY_PASSWORD}", "# DOT_CUTTER_EXEC_DB_PASSWORD is set by the vault agent",
    "BACKUP_GPG_FPR=" + rs(40, HEX).upper(), "CUTTER_VERIFY_RUN_ID=" + uuid(), "AGENT_DATA_API_URL=https://kb.example.com/api",
    "export CUTTER_CONFIG=/etc/cutter/appsettings.json", "AGENT_DATA_API_KEY=<from vault>", "LOG_LEVEL=debug",
]
for s in clean_json:
    add("clean", "json", s)
for s in clean_env:
    add("clean", "env", s)

print("# expected\tkind\tsnippet  (composed by compose_corpus.py; fake values, fixed seed)")
for row in rows:
    print("\t".join(row))
