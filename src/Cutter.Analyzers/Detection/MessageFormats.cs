namespace Cutter.Analyzers.Detection
{
    /// <summary>Message texts of the two rules; {0} is the finding's description.</summary>
    internal static class MessageFormats
    {
        public const string Secret = "Hard-coded secret ({0}): read it from the environment or configuration";
        public const string RuntimeId = "Hard-coded runtime id ({0}): read it from configuration";
    }
}
