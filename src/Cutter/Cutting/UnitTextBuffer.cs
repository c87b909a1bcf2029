using System.Text;

namespace Cutter.Cutting;

/// <summary>
/// Where the text of the unit being gathered grows, one buffer for every unit of a build. <see cref="UnitTreeBuilder"/>
/// appends lines to the unit it opened last (opening a unit closes the one before), so the buffer passes from unit to
/// unit and each unit's text becomes a string once, at its exact length, when the next unit takes the buffer: a large
/// document no longer pays a builder, its growing chunks and a first-line string per unit of more than one line (a
/// third of the walk's allocations, benchmarks/README.md "Cutting"). A unit that takes the buffer back after its text
/// was made (nothing the builder does today) gets that text back first, so the result never depends on the order.
/// </summary>
internal sealed class UnitTextBuffer
{
    private readonly StringBuilder _text = new(4096);
    private DraftUnit? _owner;

    /// <summary>The buffer holding <paramref name="unit"/>'s text so far; the unit that had it gets its text made.</summary>
    public StringBuilder TakeFor(DraftUnit unit)
    {
        if (!ReferenceEquals(_owner, unit))
        {
            Release();
            _owner = unit;
            _text.Append(unit.GatheredText);
        }
        return _text;
    }

    /// <summary>Makes the text of the unit that has the buffer, if any, and frees the buffer.</summary>
    public void Release()
    {
        if (_owner is null)
        {
            return;
        }
        _owner.GatheredText = _text.ToString();
        _owner = null;
        _text.Clear();
    }

    /// <summary>Makes <paramref name="unit"/>'s text if the buffer still holds it.</summary>
    public void ReleaseIfHeldBy(DraftUnit unit)
    {
        if (ReferenceEquals(_owner, unit))
        {
            Release();
        }
    }
}
