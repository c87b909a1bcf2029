using System;
using System.Text.RegularExpressions;

namespace Cutter.Analyzers.Detection
{
    /// <summary>
    /// Host names a machine gets from where it runs rather than from its role, so they change when the machine is
    /// replaced: names cloud and VPS providers assign (from their instance naming documentation), and numbered
    /// machines under an internal-only domain. Whole-name matches on one segment of a value.
    /// </summary>
    internal static class CloudHostFormats
    {
        private static readonly Regex[] ProviderAssigned =
        {
            // Contabo: vmi + the customer's instance number.
            Compile(@"^vmi[0-9]{5,8}(?:\.contaboserver\.net)?$"),
            // AWS: ip-10-0-1-23[.region.compute.internal | .ec2.internal], ec2-3-120-5-7.<region>.compute.amazonaws.com.
            Compile(@"^ip-[0-9]{1,3}-[0-9]{1,3}-[0-9]{1,3}-[0-9]{1,3}(?:\.[a-z0-9\-]+)*$"),
            Compile(@"^ec2-[0-9]{1,3}-[0-9]{1,3}-[0-9]{1,3}-[0-9]{1,3}\.(?:[a-z0-9\-]+\.)*amazonaws\.com$"),
            // DigitalOcean's default droplet names: <image>-s-<n>vcpu-<n>gb-<region>-<nn>.
            Compile(@"^[a-z0-9]+-s-[0-9]+vcpu-[0-9]+gb(?:-[a-z0-9]+)*-[a-z]{3}[0-9]-[0-9]{2}$"),
            // Hetzner Cloud defaults (<image>-<n>gb-<location>-<n>) and reverse DNS of dedicated servers.
            Compile(@"^[a-z0-9]+-[0-9]+gb-[a-z]{3}[0-9]-[0-9]+$"),
            Compile(@"^static\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.clients\.your-server\.de$"),
            // Linode and OVH.
            Compile(@"^li[0-9]+-[0-9]+\.members\.linode\.com$"),
            Compile(@"^vps-[0-9a-f]{8}\.vps\.ovh\.(?:net|ca|us)$"),
            Compile(@"^ns[0-9]{5,8}\.ip-[0-9]{1,3}-[0-9]{1,3}-[0-9]{1,3}\.[a-z]{2,3}$"),
        };

        // <role>-<n>.<site>.internal and the like: three or more labels under a name that never resolves publicly.
        private static readonly Regex InternalName = Compile(
            @"^(?<first>[a-z0-9][a-z0-9\-]*)(?:\.[a-z0-9][a-z0-9\-]*)+\.(?:internal|corp|lan|intranet|localdomain|home\.arpa|private)$");

        private static readonly Regex InternalDomain = Compile(@"\.(?:internal|corp|lan|intranet|localdomain|home\.arpa|private)\.?$");

        /// <summary>Under a domain that only resolves inside a network (.internal, .corp, .lan, .intranet, ...).</summary>
        public static bool IsUnderInternalDomain(string host) => SafeRegex.IsMatch(InternalDomain, host.ToLowerInvariant());

        public static bool IsProviderAssigned(string value)
        {
            var host = value.ToLowerInvariant();
            if (host.Length < 6 || host.Length > 253)
            {
                return false;
            }
            foreach (var format in ProviderAssigned)
            {
                if (SafeRegex.IsMatch(format, host))
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>A numbered machine (a digit in its first label) under an internal-only domain.</summary>
        public static bool IsInternalMachineName(string value)
        {
            var host = value.ToLowerInvariant();
            if (host.Length < 6 || host.Length > 253 || host.IndexOf('.') < 0)
            {
                return false;
            }
            var match = SafeRegex.Match(InternalName, host);
            if (match == null)
            {
                return false;
            }
            foreach (var c in match.Groups["first"].Value)
            {
                if (c >= '0' && c <= '9')
                {
                    return true;
                }
            }
            return false;
        }

        private static Regex Compile(string pattern) => SafeRegex.Compile(pattern);
    }
}
