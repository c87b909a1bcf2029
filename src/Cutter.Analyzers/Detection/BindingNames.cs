using System;
using System.Collections.Generic;
using System.Text;

namespace Cutter.Analyzers.Detection
{
    /// <summary>
    /// Reads the name a literal is bound to (<c>apiKey</c>, <c>DB_PASSWORD</c>, <c>ExpectedHost</c>) as words and says
    /// what kind of value the name announces. A name ending in a descriptor word (<c>PasswordEnvVar</c>,
    /// <c>TokenHeader</c>, <c>SecretName</c>) announces a key or label, not the value, and matches nothing.
    /// </summary>
    internal static class BindingNames
    {
        private static readonly HashSet<string> SecretWords = new HashSet<string>(StringComparer.Ordinal)
        {
            "password", "passwd", "pwd", "pass", "passphrase", "passcode", "secret", "secrets", "token", "tokens",
            "apikey", "credential", "credentials", "creds", "bearer", "privatekey", "secretkey", "accesskey", "clientsecret",
            "sas", "signingkey", "pat", "webhook",
        };

        // Word pairs that announce a secret although neither word does alone ("api" + "key", "client" + "secret").
        private static readonly HashSet<string> SecretPairs = new HashSet<string>(StringComparer.Ordinal)
        {
            "api key", "access key", "private key", "secret key", "signing key", "encryption key", "master key",
            "account key", "auth key", "app key", "shared key", "hmac key", "license key", "auth header", "session key",
            "connection string", "conn str", "connection str", "dsn",
        };

        private static readonly HashSet<string> HostWords = new HashSet<string>(StringComparer.Ordinal)
        {
            "host", "hostname", "hosts", "server", "servername", "machine", "machinename", "computer", "computername",
            "fqdn", "datasource", "node", "nodename",
        };

        private static readonly HashSet<string> DigestWords = new HashSet<string>(StringComparer.Ordinal)
        {
            "sha", "sha1", "sha256", "hash", "digest", "fingerprint", "fpr", "thumbprint", "checksum", "pin", "pinned", "commit",
        };

        // A trailing word that makes the name describe a key, a label or a shape instead of holding the value.
        private static readonly HashSet<string> DescriptorWords = new HashSet<string>(StringComparer.Ordinal)
        {
            "name", "names", "env", "environment", "variable", "var", "vars", "header", "field", "label", "message", "msg",
            "prompt", "hint", "format", "pattern", "regex", "length", "policy", "path", "file", "dir", "directory", "folder",
            "url", "uri", "endpoint", "type", "kind", "section", "prefix", "suffix", "placeholder", "option", "config",
            "setting", "description", "text", "title", "parameter", "param", "claim", "scheme", "id", "ids", "count", "mode",
            "expiry", "expiration", "lifetime", "ttl", "timeout", "column", "property", "attribute", "source", "store", "provider",
            "query", "sql", "template", "rule", "rules", "error", "exception", "cache",
            // A digest or fingerprint of a key identifies it; it is a pinned value (CUT002), not the secret.
            "fingerprint", "fpr", "thumbprint", "hash", "digest", "checksum", "sha", "sha1", "sha256",
        };

        // Secret words long enough to recognise inside a run-together word (SMTPPASSWORD, dbpassword, githubtoken).
        private static readonly string[] EmbeddedSecretWords = { "password", "passwd", "passphrase", "secret", "token", "apikey", "credential" };

        public static bool IsSecretLike(string? name)
        {
            var words = Split(name);
            if (words.Count == 0 || DescriptorWords.Contains(words[words.Count - 1]))
            {
                return false;
            }
            for (var i = 0; i < words.Count; i++)
            {
                if (SecretWords.Contains(words[i]))
                {
                    return true;
                }
                if (i + 1 < words.Count && SecretPairs.Contains(words[i] + " " + words[i + 1]))
                {
                    return true;
                }
                if (words[i] == "dsn" || EndsWithEmbeddedSecretWord(words[i]))
                {
                    return true;
                }
            }
            return false;
        }

        private static bool EndsWithEmbeddedSecretWord(string word)
        {
            foreach (var secret in EmbeddedSecretWords)
            {
                if (word.Length > secret.Length && word.EndsWith(secret, StringComparison.Ordinal))
                {
                    return true;
                }
            }
            return false;
        }

        public static bool IsHostLike(string? name) => EndsWithWordFrom(name, HostWords);

        // Names of fixed, published GUIDs: COM class and interface ids, project type GUIDs.
        private static readonly HashSet<string> WellKnownIdWords = new HashSet<string>(StringComparer.Ordinal)
        {
            "clsid", "iid", "typeguid", "interfaceid", "classid", "libid", "appid",
        };

        public static bool IsWellKnownIdName(string? name) => EndsWithWordFrom(name, WellKnownIdWords);

        public static bool IsDigestLike(string? name) => EndsWithWordFrom(name, DigestWords);

        private static bool EndsWithWordFrom(string? name, HashSet<string> vocabulary)
        {
            var words = Split(name);
            if (words.Count == 0)
            {
                return false;
            }
            // "ExpectedHost", "db_host", "grantMatrixSha256", "BackupGpgFpr": the last word carries the meaning.
            var last = words[words.Count - 1];
            if (vocabulary.Contains(last))
            {
                return true;
            }
            return words.Count >= 2 && vocabulary.Contains(words[words.Count - 2] + last);
        }

        /// <summary>Splits camelCase, PascalCase, snake_case, kebab-case and dotted names into lower-case words.</summary>
        public static List<string> Split(string? name)
        {
            var words = new List<string>();
            if (string.IsNullOrEmpty(name))
            {
                return words;
            }
            var current = new StringBuilder();
            for (var i = 0; i < name!.Length; i++)
            {
                var c = name[i];
                if (!char.IsLetterOrDigit(c))
                {
                    Flush(words, current);
                    continue;
                }
                var boundary = current.Length > 0 && char.IsUpper(c)
                    && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1])));
                if (boundary)
                {
                    Flush(words, current);
                }
                current.Append(char.ToLowerInvariant(c));
            }
            Flush(words, current);
            return words;
        }

        private static void Flush(List<string> words, StringBuilder current)
        {
            if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }
    }
}
