namespace Cutter.Cutting;

/// <summary>What a heading's text says it is: a kind, and for structural kinds its number.</summary>
internal readonly record struct HeadingClass(string Kind, int? Number, bool Vietnamese);
