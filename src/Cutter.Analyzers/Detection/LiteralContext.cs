namespace Cutter.Analyzers.Detection
{
    /// <summary>
    /// Where a literal sits: the name it is bound to (variable, field, property, parameter, named argument,
    /// dictionary key, configuration key) and its usage. Built from syntax by the analyzer and from
    /// text by the file scanner, so both feed the same classifier.
    /// </summary>
    internal readonly struct LiteralContext
    {
        public LiteralContext(string? bindingName, LiteralUsage usage, bool inConfigurationFile = false)
        {
            BindingName = bindingName;
            Usage = usage;
            InConfigurationFile = inConfigurationFile;
        }

        public string? BindingName { get; }

        public LiteralUsage Usage { get; }

        /// <summary>True for values read from a configuration or env file rather than code: runtime ids belong there, so CUT002 does not apply.</summary>
        public bool InConfigurationFile { get; }
    }
}
