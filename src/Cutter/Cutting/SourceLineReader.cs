namespace Cutter.Cutting;

/// <summary>
/// The source lines a block's span covers, as slices of the body (no copies): the first starts where the block does,
/// each has its trailing carriage returns removed, and an empty span has no lines.
/// </summary>
internal ref struct SourceLineReader
{
    private ReadOnlySpan<char> _rest;
    private bool _done;

    public SourceLineReader(ReadOnlySpan<char> span)
    {
        _rest = span;
        _done = span.IsEmpty;
        Current = default;
    }

    public ReadOnlySpan<char> Current { get; private set; }

    public readonly SourceLineReader GetEnumerator() => this;

    public bool MoveNext()
    {
        if (_done)
        {
            return false;
        }
        var newline = _rest.IndexOf('\n');
        if (newline < 0)
        {
            Current = _rest.TrimEnd('\r');
            _done = true;
        }
        else
        {
            Current = _rest[..newline].TrimEnd('\r');
            _rest = _rest[(newline + 1)..];
        }
        return true;
    }
}
