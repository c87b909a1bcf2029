namespace Cutter.Domain;

/// <summary>A run's id: a non-empty UUID. Parsed, never assembled.</summary>
public readonly record struct RunId
{
    private RunId(Guid value) => Value = value;

    public Guid Value { get; }

    public static RunId New() => new(Guid.NewGuid());

    public static RunId From(Guid value) =>
        value == Guid.Empty ? throw new InvalidInputException("run id", "must not be the empty UUID") : new RunId(value);

    public static RunId Parse(string text) =>
        Guid.TryParseExact(text?.Trim(), "D", out var g) ? From(g)
        : throw new InvalidInputException("run id", $"'{text}' is not a UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)");

    public override string ToString() => Value.ToString("D");
}
