namespace Cutter.Domain;

/// <summary>Root of every error Cutter raises on purpose. Catch this to map errors to exit codes.</summary>
public class CutterException : Exception
{
    public CutterException(string message) : base(message) { }
    public CutterException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>Bad input from an operator, a file or configuration: names the input and what is wrong.</summary>
public class InvalidInputException : CutterException
{
    public InvalidInputException(string input, string problem)
        : base($"{input}: {problem}")
    {
        Input = input;
        Problem = problem;
    }

    public string Input { get; }
    public string Problem { get; }
}
