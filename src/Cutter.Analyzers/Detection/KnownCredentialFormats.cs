namespace Cutter.Analyzers.Detection
{
    /// <summary>
    /// Credential formats recognised anywhere (CUT001), written from the issuers' token documentation and from how
    /// gitleaks and detect-secrets describe their rules. A pattern may name a group "secret": only that part is then
    /// checked for placeholders (so <c>postgres://app:${DB_PASSWORD}@db</c> stays quiet).
    /// Compiled once, when the class is first used.
    /// </summary>
    internal static class KnownCredentialFormats
    {
        public static readonly CredentialFormat[] All =
        {
            // Cloud providers.
            new CredentialFormat("AWS access key id", 20, new[] { "AKIA", "ASIA", "ABIA", "ACCA", "A3T" }, @"\b(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}\b"),
            new CredentialFormat("AWS secret access key", 45, new[] { "aws" }, @"(?i)aws.{0,20}secret.{0,20}[=:]\s*[""']?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])", keywordIgnoresCase: true),
            new CredentialFormat("Google API key", 39, new[] { "AIza" }, @"\bAIza[0-9A-Za-z_\-]{35}(?![0-9A-Za-z_\-])"),
            new CredentialFormat("Google OAuth client secret", 35, new[] { "GOCSPX-" }, @"\bGOCSPX-[0-9A-Za-z_\-]{28}"),
            new CredentialFormat("Azure storage account key", 91, new[] { "AccountKey=" }, @"AccountKey=(?<secret>[A-Za-z0-9+/]{80,}={0,2})"),
            new CredentialFormat("Azure shared access signature", 35, new[] { "sig=" }, @"[?&;]sig=(?<secret>[A-Za-z0-9%+/]{30,}(?:%3D|=){0,2})"),
            new CredentialFormat("DigitalOcean token", 71, new[] { "do" }, @"\bdo[opr]_v1_[a-f0-9]{64}\b"),

            // Source control and CI.
            new CredentialFormat("GitHub token", 40, new[] { "gh" }, @"\bgh[pousr]_[A-Za-z0-9]{36,255}\b"),
            new CredentialFormat("GitHub fine-grained token", 93, new[] { "github_pat_" }, @"\bgithub_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}\b"),
            new CredentialFormat("GitLab token", 22, new[] { "gl" }, @"\bgl(?:pat|dt|ptt|rt|cbt|soat|ft|imt|agent)-[A-Za-z0-9_\-]{20,}"),
            new CredentialFormat("GitLab runner registration token", 29, new[] { "GR1348941" }, @"\bGR1348941[A-Za-z0-9_\-]{20,}"),
            new CredentialFormat("npm access token", 40, new[] { "npm_" }, @"\bnpm_[A-Za-z0-9]{36}\b"),
            new CredentialFormat("PyPI upload token", 70, new[] { "pypi-" }, @"\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_\-]{50,}"),
            new CredentialFormat("NuGet API key", 46, new[] { "oy2" }, @"\boy2[a-z0-9]{43}\b"),

            // Chat and webhooks.
            new CredentialFormat("Slack token", 17, new[] { "xox" }, @"\bxox[abposre]-(?:[0-9]+-){1,3}[A-Za-z0-9\-]{10,}"),
            new CredentialFormat("Slack app token", 30, new[] { "xapp-" }, @"\bxapp-\d-[A-Z0-9]+-\d+-[a-z0-9]{20,}"),
            new CredentialFormat("Slack webhook URL", 40, new[] { "hooks.slack.com" }, @"https://hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9_]+/[A-Za-z0-9_]+/[A-Za-z0-9_]{8,}"),
            new CredentialFormat("Discord webhook URL", 75, new[] { "discord" }, @"https://(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/\d{5,}/[A-Za-z0-9_\-]{40,}"),
            new CredentialFormat("Discord bot token", 59, new[] { "." }, @"\b[MNO][A-Za-z0-9_\-]{23,25}\.[A-Za-z0-9_\-]{6}\.[A-Za-z0-9_\-]{27,38}\b"),
            new CredentialFormat("Microsoft Teams webhook URL", 100, new[] { "webhook.office.com" }, @"https://[A-Za-z0-9\-]+\.webhook\.office\.com/webhookb2/[A-Za-z0-9@\-]{20,}/IncomingWebhook/[A-Za-z0-9]{20,}/[A-Za-z0-9\-]{20,}"),
            new CredentialFormat("Telegram bot token", 43, new[] { ":AA" }, @"\b\d{8,10}:AA[A-Za-z0-9_\-]{33}\b"),

            // Payments, mail, messaging, AI.
            new CredentialFormat("Stripe secret key", 28, new[] { "_live_" }, @"\b(?:sk|rk)_live_[A-Za-z0-9]{20,}\b"),
            new CredentialFormat("Stripe test secret key", 28, new[] { "_test_" }, @"\b(?:sk|rk)_test_[A-Za-z0-9]{20,}\b"),
            new CredentialFormat("Stripe webhook secret", 30, new[] { "whsec_" }, @"\bwhsec_[A-Za-z0-9]{24,}\b"),
            new CredentialFormat("SendGrid API key", 69, new[] { "SG." }, @"\bSG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43}\b"),
            new CredentialFormat("Twilio API key", 34, new[] { "SK" }, @"\bSK[0-9a-f]{32}\b"),
            new CredentialFormat("Mailgun API key", 36, new[] { "key-" }, @"\bkey-[0-9a-f]{32}\b"),
            new CredentialFormat("Shopify access token", 38, new[] { "shp" }, @"\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\b"),
            new CredentialFormat("OpenAI API key", 51, new[] { "T3BlbkFJ" }, @"\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_\-]{20,}T3BlbkFJ[A-Za-z0-9_\-]{20,}"),
            new CredentialFormat("Anthropic API key", 90, new[] { "sk-ant-" }, @"\bsk-ant-(?:api|admin)\d{2}-[A-Za-z0-9_\-]{80,}"),
            new CredentialFormat("Hugging Face token", 37, new[] { "hf_" }, @"\bhf_[A-Za-z]{34}\b"),

            // Generic structures.
            new CredentialFormat("JSON web token", 38, new[] { "eyJ" }, @"\beyJ[A-Za-z0-9_\-]{10,}\.eyJ[A-Za-z0-9_\-]{10,}\.[A-Za-z0-9_\-]{10,}"),
            new CredentialFormat("PEM private key block", 27, new[] { "PRIVATE KEY" }, @"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----"),
            // Any scheme (postgres, mongodb+srv, redis, amqp, smtp, ftp, https...), an empty user (redis://:pw@), and a
            // host that may be missing because an interpolation hole follows the '@' ($"amqp://svc:pw@{host}").
            new CredentialFormat("URL with embedded credentials", 10, new[] { "://" }, @"\b[A-Za-z][A-Za-z0-9+.\-]{1,20}://[^\s:@/""'<>{}]{0,64}:(?<secret>[^\s:@/""'<>{}]{3,128})@(?<host>[A-Za-z0-9.\-\[\]]*)"),
            new CredentialFormat("connection string with a password", 5, new[] { "password", "pwd" }, @"(?i)(?:^|;)\s*(?:password|pwd)\s*=\s*(?<secret>""[^""]+""|'[^']+'|[^;""']+)", keywordIgnoresCase: true),
            new CredentialFormat("HTTP basic or bearer credentials", 35, new[] { "authorization" }, @"(?i)\bauthorization\s*[:=]\s*(?:basic|bearer)\s+(?<secret>[A-Za-z0-9+/=_\-.]{16,})", keywordIgnoresCase: true),
        };
    }
}
