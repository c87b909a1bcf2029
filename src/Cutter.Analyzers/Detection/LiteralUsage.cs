namespace Cutter.Analyzers.Detection
{
    /// <summary>What a literal is used for, as far as its surroundings tell. Decides which checks apply.</summary>
    internal enum LiteralUsage
    {
        /// <summary>A plain value (assigned, returned, passed): every check applies.</summary>
        Value,

        /// <summary>A key or name handed to a configuration or environment read: never a secret or id itself.</summary>
        ConfigurationKey,

        /// <summary>Text of a log line, console line or exception: only unmistakable credential formats apply.</summary>
        Message,

        /// <summary>A regular-expression pattern: describes secrets, is none.</summary>
        RegexPattern,

        /// <summary>A positional attribute argument (COM <c>[Guid]</c>, <c>[ConfigurationKeyName]</c>): only credential formats apply.</summary>
        AttributeArgument,
    }
}
