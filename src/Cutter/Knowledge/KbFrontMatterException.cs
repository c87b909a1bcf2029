using Cutter.Domain;

namespace Cutter.Knowledge;

/// <summary>A document's YAML front matter is missing, malformed or hostile. Carries the 1-based line in the document.</summary>
internal sealed class KbFrontMatterException : InvalidInputException
{
    public KbFrontMatterException(string source, int line, string problem)
        : base(source, $"line {line}: front matter {problem}")
    {
        Line = line;
        FrontMatterProblem = problem;
    }

    /// <summary>1-based line number in the whole document (the opening <c>---</c> is line 1).</summary>
    public int Line { get; }

    /// <summary>What is wrong, without the source and line prefix.</summary>
    public string FrontMatterProblem { get; }
}
