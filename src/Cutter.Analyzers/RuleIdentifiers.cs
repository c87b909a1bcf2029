namespace Cutter.Analyzers
{
    /// <summary>Append-only registry of rule ids. Never reuse or renumber an id.</summary>
    public static class RuleIdentifiers
    {
        public const string HardCodedSecret = "CUT001";
        public const string HardCodedRuntimeId = "CUT002";
    }
}
