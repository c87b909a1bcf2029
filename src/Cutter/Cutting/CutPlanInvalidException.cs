using Cutter.Domain;

namespace Cutter.Cutting;

/// <summary>
/// The document cannot be cut into a valid candidate set. Carries every error (each with its line) and the warnings
/// found so far; nothing has been written anywhere.
/// </summary>
internal sealed class CutPlanInvalidException : InvalidInputException
{
    public CutPlanInvalidException(string source, IReadOnlyList<CutDiagnostic> errors, IReadOnlyList<CutDiagnostic> warnings)
        : base(source, Describe(errors))
    {
        Errors = errors;
        Warnings = warnings;
    }

    public IReadOnlyList<CutDiagnostic> Errors { get; }
    public IReadOnlyList<CutDiagnostic> Warnings { get; }

    private static string Describe(IReadOnlyList<CutDiagnostic> errors) =>
        $"cut plan invalid, {errors.Count} error(s):" + string.Concat(errors.Select(e => "\n  " + e));
}
