using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace Cutter.Analyzers.Detection
{
    /// <summary>
    /// Scans configuration-like text (JSON, env, YAML, XML and .config, ini) line by line: each key/value pair is
    /// classified with the key as its binding name; a line with no pair is classified whole (PEM blocks, bare tokens).
    /// Comment lines are skipped. Runtime ids are not reported here: configuration is where they belong.
    /// </summary>
    internal static class ConfigurationTextScanner
    {
        private static readonly Regex JsonPair = Compile(@"""(?<key>(?:[^""\\]|\\.)*)""\s*:\s*""(?<value>(?:[^""\\]|\\.)*)""");

        private static readonly Regex JsonString = Compile(@"""(?<value>(?:[^""\\]|\\.)*)""");

        private static readonly Regex EnvPair = Compile(@"^\s*(?:export\s+)?(?<key>[A-Za-z_][A-Za-z0-9_.\-]*)\s*=\s*(?<value>.*?)\s*$");

        private static readonly Regex YamlPair = Compile(@"^\s*(?:-\s+)?(?<key>[A-Za-z_][A-Za-z0-9_.\-]*)\s*:\s+(?<value>.+?)\s*$");

        private static readonly Regex XmlAttribute = Compile(@"(?<key>[A-Za-z_][\w.\-]*)\s*=\s*""(?<value>[^""]*)""");

        public static List<TextFinding> Scan(string text)
        {
            var findings = new List<TextFinding>();
            var lineNumber = 0;
            var lineStart = 0;
            while (lineStart <= text.Length)
            {
                var lineEnd = text.IndexOf('\n', lineStart);
                if (lineEnd < 0)
                {
                    lineEnd = text.Length;
                }
                lineNumber++;
                var line = text.Substring(lineStart, lineEnd - lineStart).TrimEnd('\r');
                try
                {
                    ScanLine(line, lineNumber, lineStart, findings);
                }
                catch (RegexMatchTimeoutException)
                {
                    // A starved or pathological line is skipped rather than failing the whole build (see SafeRegex).
                }
                lineStart = lineEnd + 1;
            }
            return findings;
        }

        private static void ScanLine(string line, int lineNumber, int lineStart, List<TextFinding> findings)
        {
            var trimmed = line.TrimStart();
            if (trimmed.Length == 0 || trimmed[0] == '#' || trimmed[0] == ';' || trimmed.StartsWith("//", StringComparison.Ordinal)
                || trimmed.StartsWith("<!--", StringComparison.Ordinal))
            {
                return;
            }

            var before = findings.Count;
            if (ScanPairs(JsonPair.Matches(line), line, lineNumber, lineStart, findings, keyed: true)
                || ScanPairs(EnvPair.Matches(line), line, lineNumber, lineStart, findings, keyed: true)
                || ScanPairs(YamlPair.Matches(line), line, lineNumber, lineStart, findings, keyed: true)
                || ScanPairs(XmlAttribute.Matches(line), line, lineNumber, lineStart, findings, keyed: true)
                || ScanPairs(JsonString.Matches(line), line, lineNumber, lineStart, findings, keyed: false))
            {
                return;
            }
            if (findings.Count == before)
            {
                Add(trimmed, null, line.Length - trimmed.Length, lineNumber, lineStart, findings);
            }
        }

        /// <summary>Classifies every match's value; returns false when the line held no such pair (try the next shape).</summary>
        private static bool ScanPairs(MatchCollection matches, string line, int lineNumber, int lineStart, List<TextFinding> findings, bool keyed)
        {
            if (matches.Count == 0)
            {
                return false;
            }
            foreach (Match match in matches)
            {
                var value = match.Groups["value"];
                var (text, offset) = Unquote(value.Value, value.Index);
                var key = keyed ? LastSegment(match.Groups["key"].Value) : null;
                Add(text, key, offset, lineNumber, lineStart, findings);
            }
            return true;
        }

        private static void Add(string value, string? key, int offsetInLine, int lineNumber, int lineStart, List<TextFinding> findings)
        {
            var finding = LiteralClassifier.Classify(value, new LiteralContext(key, LiteralUsage.Value, inConfigurationFile: true));
            if (finding == null)
            {
                return;
            }
            var column = offsetInLine + finding.Offset;
            findings.Add(new TextFinding(lineNumber, column + 1, lineStart + column, Math.Max(1, value.Length - finding.Offset), finding));
        }

        /// <summary>Strips one pair of surrounding quotes (env files) and a trailing " # comment" from an unquoted value.</summary>
        private static (string Text, int Offset) Unquote(string value, int offset)
        {
            if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[value.Length - 1] == value[0])
            {
                return (value.Substring(1, value.Length - 2), offset + 1);
            }
            var comment = value.IndexOf(" #", StringComparison.Ordinal);
            return comment >= 0 ? (value.Substring(0, comment).TrimEnd(), offset) : (value, offset);
        }

        /// <summary>"ConnectionStrings:Default" and "orchestrator.db_password" bind by their last segment.</summary>
        private static string LastSegment(string key)
        {
            var cut = key.LastIndexOfAny(new[] { ':', '.', '/' });
            return cut >= 0 && cut < key.Length - 1 ? key.Substring(cut + 1) : key;
        }

        private static Regex Compile(string pattern) => SafeRegex.Compile(pattern);
    }
}
