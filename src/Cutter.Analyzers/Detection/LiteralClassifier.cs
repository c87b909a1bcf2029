namespace Cutter.Analyzers.Detection
{
    /// <summary>
    /// The one rule set: decides whether a literal's text, in its context, is a hard-coded secret (CUT001) or a
    /// hard-coded runtime id (CUT002). Used by the Roslyn analyzer on literal nodes and by the run-time scanner on files.
    /// </summary>
    internal static class LiteralClassifier
    {
        private const int MinimumSecretLength = 8;
        private const int MaximumSecretLength = 4096;
        private const double MinimumSecretEntropy = 2.5;

        public static LiteralFinding? Classify(string value, LiteralContext context)
        {
            if (value.Length < 4 || context.Usage == LiteralUsage.RegexPattern || context.Usage == LiteralUsage.ConfigurationKey)
            {
                return null;
            }

            var credential = FindCredentialFormat(value);
            if (credential != null)
            {
                return credential;
            }
            if (context.Usage != LiteralUsage.Value)
            {
                // Messages and attribute arguments mention ids and the word "password" as prose; only real formats count there.
                return null;
            }

            if (BindingNames.IsSecretLike(context.BindingName) && LooksLikeSecretValue(value))
            {
                return new LiteralFinding(RuleIdentifiers.HardCodedSecret, "high-entropy value bound to '" + context.BindingName + "'", 0);
            }

            if (context.InConfigurationFile || ValueShape.IsSqlText(value))
            {
                return null;
            }
            return FindRuntimeId(value.Trim(), context.BindingName);
        }

        /// <summary>
        /// Whether a name could change the verdict on this value (it has the shape of a name-bound secret, host or
        /// digest). Lets callers skip the costly lookup of a positional argument's parameter name for most literals.
        /// </summary>
        public static bool CouldBindByName(string value)
        {
            var text = value.Trim();
            return LooksLikeSecretValue(text) || RuntimeIdFormats.IsMachineHost(text) || RuntimeIdFormats.IsHex40(text)
                || RuntimeIdFormats.IsCompactUuid(text);
        }

        private static LiteralFinding? FindCredentialFormat(string value)
        {
            foreach (var format in KnownCredentialFormats.All)
            {
                var match = format.Find(value);
                if (match == null)
                {
                    continue;
                }
                var secret = match.Groups["secret"];
                var secretText = secret.Success ? secret.Value : match.Value;
                var host = match.Groups["host"];
                // Documentation and loopback hosts (example.com, *.test, localhost) carry sample credentials, not real ones.
                var sampleHost = host.Success && host.Length > 0 && RuntimeIdFormats.IsLocalOrReserved(host.Value);
                if (!sampleHost && !ValueShape.IsPlaceholder(secretText) && !ValueShape.IsPlaceholder(match.Value))
                {
                    return new LiteralFinding(RuleIdentifiers.HardCodedSecret, format.Description, match.Index);
                }
            }
            return null;
        }

        private static bool LooksLikeSecretValue(string value)
        {
            var text = value.Trim();
            return text.Length >= MinimumSecretLength
                && text.Length <= MaximumSecretLength
                && !ValueShape.ContainsWhitespace(text)
                && !ValueShape.IsPlaceholder(text)
                && !ValueShape.IsIdentifierLike(text)
                && !ValueShape.IsPathOrUrl(text)
                && ValueShape.CharacterClasses(text) >= 2
                && ValueShape.Entropy(text) >= MinimumSecretEntropy;
        }

        private static LiteralFinding? FindRuntimeId(string text, string? bindingName)
        {
            if (RuntimeIdFormats.IsUuid(text))
            {
                return RuntimeIdFormats.IsWellKnownUuid(text) || BindingNames.IsWellKnownIdName(bindingName) ? null : RuntimeId("UUID used as an id");
            }
            if (RuntimeIdFormats.IsKbDocumentId(text))
            {
                return RuntimeId("KB document id");
            }
            if (RuntimeIdFormats.IsSha256(text))
            {
                return RuntimeId("pinned SHA-256 value");
            }
            if (RuntimeIdFormats.IsHex40(text) && BindingNames.IsDigestLike(bindingName))
            {
                return RuntimeId("pinned fingerprint or digest bound to '" + bindingName + "'");
            }
            if (RuntimeIdFormats.IsCompactUuid(text) && BindingNames.IsDigestLike(bindingName))
            {
                return RuntimeId("pinned digest bound to '" + bindingName + "'");
            }
            if (BindingNames.IsHostLike(bindingName) && RuntimeIdFormats.IsMachineHost(text) && !RuntimeIdFormats.IsServiceName(text))
            {
                return RuntimeId("host name bound to '" + bindingName + "'");
            }
            var host = RuntimeIdFormats.ConnectionStringHostOf(text);
            if (host != null && RuntimeIdFormats.IsMachineHost(host))
            {
                return RuntimeId("host name in a connection string");
            }
            if (RuntimeIdFormats.ContainsImageDigest(text))
            {
                return RuntimeId("container image pinned by digest");
            }
            return FindRuntimeIdInSegments(text);
        }

        /// <summary>
        /// Ids and machine names inside a larger value: a URL path, a file path, an interpolated string's text, a
        /// connection string. The value is cut at the separators those use and each piece is judged whole.
        /// </summary>
        private static LiteralFinding? FindRuntimeIdInSegments(string text)
        {
            if (ValueShape.ContainsWhitespace(text))
            {
                // Prose (help texts, descriptions, usage lines) mentions ids as examples; ids in values are unbroken.
                return null;
            }
            var start = 0;
            for (var i = 0; i <= text.Length; i++)
            {
                if (i < text.Length && !IsSegmentSeparator(text[i]))
                {
                    continue;
                }
                if (i - start >= 4)
                {
                    var finding = ClassifySegment(text.Substring(start, i - start), whole: start == 0 && i == text.Length);
                    if (finding != null)
                    {
                        return finding;
                    }
                }
                start = i + 1;
            }
            return null;
        }

        private static LiteralFinding? ClassifySegment(string segment, bool whole)
        {
            if (!whole && RuntimeIdFormats.IsUuid(segment) && !RuntimeIdFormats.IsWellKnownUuid(segment))
            {
                return RuntimeId("UUID used as an id");
            }
            if (!whole && RuntimeIdFormats.IsKbDocumentId(segment))
            {
                return RuntimeId("KB document id");
            }
            if (RuntimeIdFormats.IsUlid(segment))
            {
                return RuntimeId("ULID used as an id");
            }
            if (RuntimeIdFormats.IsRunStamp(segment))
            {
                return RuntimeId("date-time run stamp");
            }
            if (RuntimeIdFormats.IsPrefixedId(segment))
            {
                return RuntimeId("prefixed run or job id");
            }
            if (CloudHostFormats.IsProviderAssigned(segment))
            {
                return RuntimeId("host name assigned by a cloud provider");
            }
            if (CloudHostFormats.IsInternalMachineName(segment))
            {
                return RuntimeId("internal host name");
            }
            return null;
        }

        private static bool IsSegmentSeparator(char c) =>
            c == '/' || c == '\\' || c == '@' || c == ':' || c == '?' || c == '#' || c == '&' || c == ';' || c == '=' || c == ','
            || c == '"' || c == '\'' || c == '(' || c == ')' || c == '[' || c == ']' || c == '<' || c == '>';

        private static LiteralFinding RuntimeId(string description) => new LiteralFinding(RuleIdentifiers.HardCodedRuntimeId, description, 0);
    }
}
