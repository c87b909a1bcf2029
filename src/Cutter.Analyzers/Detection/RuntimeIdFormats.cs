using System;
using System.Text.RegularExpressions;

namespace Cutter.Analyzers.Detection
{
    /// <summary>Shapes of the values the report says must come from configuration (CUT002). Whole-value matches only.</summary>
    internal static class RuntimeIdFormats
    {
        private static readonly Regex Uuid = Compile(@"^\{?[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}?$");

        private static readonly Regex CompactUuid = Compile(@"^[0-9A-Fa-f]{32}$");

        private static readonly Regex KbDocumentId = Compile(@"^KB-[0-9]{1,9}$");

        private static readonly Regex Sha256 = Compile(@"^(?:sha256[:\-])?[0-9A-Fa-f]{64}$");

        private static readonly Regex Hex40 = Compile(@"^(?:sha1[:\-])?[0-9A-Fa-f]{40}$");

        private static readonly Regex HostName = Compile(@"^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?)*\.?$");

        private static readonly Regex IpV4 = Compile(@"^(?:25[0-5]|2[0-4][0-9]|1?[0-9]{1,2})(?:\.(?:25[0-5]|2[0-4][0-9]|1?[0-9]{1,2})){3}$");

        private static readonly Regex ConnectionStringHost = Compile(@"(?i)(?:^|;)\s*(?:host|server|data source|address|addr)\s*=\s*(?<host>[^;,]+)");

        private static readonly Regex Ulid = Compile(@"^[0-7][0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{25}$");

        // <name>-20240612-142233-9f3c2a, 20240612T142233Z-ab12cd, backup_20240612_142233: a date and a time to the second.
        private static readonly Regex RunStamp = Compile(
            @"^(?:[A-Za-z][A-Za-z0-9]*[-_.])*(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[-_T]?(?:[01][0-9]|2[0-3])[0-5][0-9][0-5][0-9](?:[0-9]{1,6})?Z?(?:[-_.][0-9A-Za-z]{4,})?$");

        // run_01HZ..., job-<uuid>, task_<24+ hex>: a short lower-case word, a separator and a machine-made id.
        private static readonly Regex PrefixedId = Compile(
            @"^[A-Za-z]{2,12}[-_](?:[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}|[0-9a-f]{16,64}|[0-7][0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{25})$");

        private static readonly Regex ImageDigest = Compile(@"[a-z0-9][a-z0-9.\-_/:]*@sha256:[0-9a-f]{64}(?![0-9a-f])");

        public static bool IsUuid(string value) => value.Length >= 36 && value.Length <= 38 && SafeRegex.IsMatch(Uuid, value) && !IsNilUuid(value);

        public static bool IsCompactUuid(string value) => value.Length == 32 && SafeRegex.IsMatch(CompactUuid, value) && !IsNilUuid(value);

        public static bool IsKbDocumentId(string value) => value.Length >= 4 && value.Length <= 12 && SafeRegex.IsMatch(KbDocumentId, value);

        public static bool IsSha256(string value) => value.Length >= 64 && value.Length <= 71 && SafeRegex.IsMatch(Sha256, value) && !IsNilUuid(value);

        public static bool IsHex40(string value) => value.Length >= 40 && value.Length <= 45 && SafeRegex.IsMatch(Hex40, value) && !IsNilUuid(value);

        /// <summary>A ULID (26 Crockford base32 characters, time first) that mixes letters and digits as minted ones do.</summary>
        public static bool IsUlid(string value) => value.Length == 26 && SafeRegex.IsMatch(Ulid, value) && CountDigits(value) >= 4 && CountDigits(value) <= 22;

        public static bool IsRunStamp(string value) => value.Length >= 13 && value.Length <= 96 && SafeRegex.IsMatch(RunStamp, value);

        public static bool IsPrefixedId(string value)
        {
            if (value.Length < 19 || value.Length > 80 || !SafeRegex.IsMatch(PrefixedId, value))
            {
                return false;
            }
            // A hex tail must look random (letters and digits), not be a word or a number.
            var tail = value.Substring(value.IndexOfAny(new[] { '-', '_' }) + 1);
            return CountDigits(tail) > 0 && CountDigits(tail) < tail.Length;
        }

        /// <summary>A container image reference pinned by digest: <c>registry/team/app@sha256:&lt;64 hex&gt;</c>.</summary>
        public static bool ContainsImageDigest(string value) => value.IndexOf("@sha256:", StringComparison.Ordinal) > 0 && SafeRegex.IsMatch(ImageDigest, value);

        /// <summary>
        /// GUIDs that name a fixed thing rather than a run: nil and max, the RFC 4122 namespaces and the COM-era
        /// Microsoft GUIDs (node 00C04F…, or the OLE base …-C000-000000000046).
        /// </summary>
        public static bool IsWellKnownUuid(string value)
        {
            var text = value.Trim('{', '}').ToLowerInvariant();
            return text == "ffffffff-ffff-ffff-ffff-ffffffffffff" || text.EndsWith("-00c04fd430c8", StringComparison.Ordinal)
                || text.Substring(24).StartsWith("00c04f", StringComparison.Ordinal) || text.EndsWith("-c000-000000000046", StringComparison.Ordinal);
        }

        private static int CountDigits(string text)
        {
            var digits = 0;
            foreach (var c in text)
            {
                if (c >= '0' && c <= '9')
                {
                    digits++;
                }
            }
            return digits;
        }

        /// <summary>A machine's name or address: not loopback, not a reserved documentation name, not a bare word.</summary>
        public static bool IsMachineHost(string value)
        {
            var host = value.Trim();
            var port = host.LastIndexOf(':');
            if (port > 0 && host.IndexOf(':') == port)
            {
                host = host.Substring(0, port);
            }
            if (host.Length == 0 || host.Length > 253 || IsLocalOrReserved(host))
            {
                return false;
            }
            if (SafeRegex.IsMatch(IpV4, host))
            {
                return true;
            }
            if (!SafeRegex.IsMatch(HostName, host))
            {
                return false;
            }
            // A single label needs a digit or a dash to read as a machine ("db-prod-01", "web7"), not a word ("primary").
            return host.IndexOf('.') > 0 || host.IndexOf('-') > 0 || HasDigitAndLetter(host);
        }

        /// <summary>
        /// A public service's name (api.github.com, login.microsoftonline.com): dotted words with no number under a
        /// public domain. It names a service, not a machine, and stays the same when machines are replaced.
        /// </summary>
        public static bool IsServiceName(string host)
        {
            if (host.IndexOf('.') < 0 || SafeRegex.IsMatch(IpV4, host) || CloudHostFormats.IsUnderInternalDomain(host))
            {
                return false;
            }
            foreach (var label in host.ToLowerInvariant().Split('.'))
            {
                // kb.internal.acme.io, db.corp.example.net: an internal zone delegated under a public name.
                if (label == "internal" || label == "corp" || label == "lan" || label == "intranet" || label == "private" || label == "local")
                {
                    return false;
                }
            }
            foreach (var c in host)
            {
                if (c >= '0' && c <= '9')
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>The host a connection string names (<c>Host=db01.corp;...</c>), if it names one.</summary>
        public static string? ConnectionStringHostOf(string value)
        {
            if (value.IndexOf('=') < 0 || value.IndexOf(';') < 0)
            {
                return null;
            }
            var match = SafeRegex.Match(ConnectionStringHost, value);
            return match?.Groups["host"].Value.Trim();
        }

        /// <summary>Loopback, unspecified and the names and addresses reserved for documentation (RFC 2606, RFC 5737).</summary>
        public static bool IsLocalOrReserved(string host)
        {
            var h = host.TrimEnd('.').ToLowerInvariant();
            return h == "localhost" || h.EndsWith(".localhost", StringComparison.Ordinal) || h.StartsWith("127.", StringComparison.Ordinal)
                || h == "0.0.0.0" || h == "::1" || h == "255.255.255.255"
                || h == "example.com" || h == "example.org" || h == "example.net"
                || h.EndsWith(".example.com", StringComparison.Ordinal) || h.EndsWith(".example.org", StringComparison.Ordinal)
                || h.EndsWith(".example.net", StringComparison.Ordinal) || h.EndsWith(".example", StringComparison.Ordinal)
                || h.EndsWith(".test", StringComparison.Ordinal) || h.EndsWith(".invalid", StringComparison.Ordinal)
                || h.StartsWith("192.0.2.", StringComparison.Ordinal) || h.StartsWith("198.51.100.", StringComparison.Ordinal)
                || h.StartsWith("203.0.113.", StringComparison.Ordinal);
        }

        private static bool HasDigitAndLetter(string text)
        {
            bool digit = false, letter = false;
            foreach (var c in text)
            {
                digit |= char.IsDigit(c);
                letter |= char.IsLetter(c);
            }
            return digit && letter;
        }

        private static bool IsNilUuid(string value)
        {
            foreach (var c in value)
            {
                if (c != '0' && c != '-' && c != '{' && c != '}')
                {
                    return false;
                }
            }
            return true;
        }

        private static Regex Compile(string pattern) => SafeRegex.Compile(pattern);
    }
}
