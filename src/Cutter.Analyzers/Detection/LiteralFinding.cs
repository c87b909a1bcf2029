namespace Cutter.Analyzers.Detection
{
    /// <summary>One thing found in a literal: the rule, a description that never repeats the value, and where in the value it starts.</summary>
    internal sealed class LiteralFinding
    {
        public LiteralFinding(string ruleId, string description, int offset)
        {
            RuleId = ruleId;
            Description = description;
            Offset = offset;
        }

        /// <summary>CUT001 or CUT002 (see <see cref="RuleIdentifiers"/>).</summary>
        public string RuleId { get; }

        /// <summary>What was recognised, e.g. "GitHub token" or "high-entropy value bound to 'apiKey'". Never the value itself.</summary>
        public string Description { get; }

        /// <summary>Index in the scanned text where the match begins (0 when the whole value is the finding).</summary>
        public int Offset { get; }

        /// <summary>The diagnostic message, shared by the analyzer and <c>cutter scan</c> so both print the same words.</summary>
        public string Message => RuleId == RuleIdentifiers.HardCodedSecret
            ? string.Format(System.Globalization.CultureInfo.InvariantCulture, MessageFormats.Secret, Description)
            : string.Format(System.Globalization.CultureInfo.InvariantCulture, MessageFormats.RuntimeId, Description);
    }
}
