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

        public static bool IsUuid(string value) => value.Length >= 36 && value.Length <= 38 && SafeRegex.IsMatch(Uuid, value) && !IsNilUuid(value);

        public static bool IsCompactUuid(string value) => value.Length == 32 && SafeRegex.IsMatch(CompactUuid, value) && !IsNilUuid(value);

        public static bool IsKbDocumentId(string value) => value.Length >= 4 && value.Length <= 12 && SafeRegex.IsMatch(KbDocumentId, value);

        public static bool IsSha256(string value) => value.Length >= 64 && value.Length <= 71 && SafeRegex.IsMatch(Sha256, value) && !IsNilUuid(value);

        public static bool IsHex40(string value) => value.Length >= 40 && value.Length <= 45 && SafeRegex.IsMatch(Hex40, value) && !IsNilUuid(value);

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

        private static bool IsLocalOrReserved(string host)
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
