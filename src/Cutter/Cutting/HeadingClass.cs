using System.Globalization;

namespace Cutter.Cutting;

/// <summary>
/// What a heading's text says it is: a kind, and for structural kinds its number. <see cref="Token"/> is the number as
/// the address writes it when it is not a plain integer (a decimal "1.01"); <see cref="NumberScope"/> is the part of a
/// decimal number before its last component ("1." of "1.01"), so 1.01, 1.02 and 2.01, 2.02 are separate sequences.
/// <see cref="LooksStructural"/> marks a heading that names a structural keyword but whose number is not one.
/// </summary>
internal readonly record struct HeadingClass(string Kind, int? Number, bool Vietnamese, string? Token = null, string NumberScope = "", bool LooksStructural = false)
{
    public bool IsStructural => Kind is not (UnitKinds.Preamble or UnitKinds.Text);

    public string AddressToken => Token ?? Number!.Value.ToString(CultureInfo.InvariantCulture);
}
