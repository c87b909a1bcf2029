namespace Cutter.Analyzers
{
    /// <summary>
    /// Append-only registry of rule ids. Never reuse or renumber an id.
    /// Lives under Detection/ because the run-time scanner in Cutter compiles the same files.
    /// </summary>
    internal static class RuleIdentifiers
    {
        public const string HardCodedSecret = "CUT001";
        public const string HardCodedRuntimeId = "CUT002";
        public const string UnjustifiedSuppression = "CUT003";
    }
}
