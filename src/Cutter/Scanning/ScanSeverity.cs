namespace Cutter.Scanning;

/// <summary>A finding's severity once .editorconfig has been applied, as the build would report it.</summary>
public enum ScanSeverity
{
    /// <summary>The build prints it as a suggestion (SARIF level "note").</summary>
    Note,

    /// <summary>The build prints it as a warning.</summary>
    Warning,

    /// <summary>The build fails on it.</summary>
    Error,
}
