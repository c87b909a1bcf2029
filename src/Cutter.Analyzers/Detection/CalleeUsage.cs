using System;
using System.Collections.Generic;

namespace Cutter.Analyzers.Detection
{
    /// <summary>
    /// What a literal passed to a method or constructor is, judged by the callee's simple name: a configuration or
    /// environment key, a message, or a regex pattern. Shared by the analyzer and the run-time C# scanner.
    /// </summary>
    internal static class CalleeUsage
    {
        private static readonly HashSet<string> ConfigurationReads = new HashSet<string>(StringComparer.Ordinal)
        {
            "GetEnvironmentVariable", "SetEnvironmentVariable", "GetSection", "GetRequiredSection", "GetValue", "GetConnectionString",
            "GetRequired", "TryGetValue", "ContainsKey", "Remove", "AddEnvironmentVariables", "AddJsonFile", "AddUserSecrets",
            "Require", "RequireEnvironment", "ReadEnvironment", "GetString", "nameof",
        };

        private static readonly HashSet<string> MessageSinks = new HashSet<string>(StringComparer.Ordinal)
        {
            "Log", "LogTrace", "LogDebug", "LogInformation", "LogWarning", "LogError", "LogCritical", "BeginScope",
            "Write", "WriteLine", "WriteAsync", "WriteLineAsync", "Trace", "TraceInformation", "TraceWarning", "TraceError",
            "Debug", "Info", "Information", "Warn", "Warning", "Error", "Fatal", "Verbose", "Fail", "Assert", "Print",
            "Append", "AppendLine", "AppendFormat", "Format", "Define",
        };

        private static readonly HashSet<string> RegexMembers = new HashSet<string>(StringComparer.Ordinal)
        {
            "Regex", "GeneratedRegex", "GeneratedRegexAttribute", "RegularExpression", "RegularExpressionAttribute",
            "IsMatch", "Match", "Matches", "Replace", "Split", "EnumerateMatches", "Count",
        };

        private static readonly HashSet<string> KeyedAdds = new HashSet<string>(StringComparer.Ordinal)
        {
            "Add", "TryAdd", "Set", "SetValue", "AddOrUpdate", "Append", "Put",
        };

        public static LiteralUsage Of(string? calleeName)
        {
            if (calleeName == null)
            {
                return LiteralUsage.Value;
            }
            if (ConfigurationReads.Contains(calleeName))
            {
                return LiteralUsage.ConfigurationKey;
            }
            if (RegexMembers.Contains(calleeName))
            {
                return LiteralUsage.RegexPattern;
            }
            if (MessageSinks.Contains(calleeName) || calleeName.EndsWith("Exception", StringComparison.Ordinal))
            {
                return LiteralUsage.Message;
            }
            return LiteralUsage.Value;
        }

        public static bool IsRegex(string? name) => name != null && RegexMembers.Contains(name);

        public static bool IsKeyedAdd(string? name) => name != null && KeyedAdds.Contains(name);
    }
}
