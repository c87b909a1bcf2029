namespace Cutter.Cutting;

/// <summary>A clause or point marker found at the start of a paragraph line: its kind, number or letter, and the marker text.</summary>
internal readonly record struct ParagraphMarker(string Kind, int? Number, string? Letter, string Text);
