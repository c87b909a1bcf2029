namespace Cutter.Scanning;

/// <summary>A string literal (or one text part of an interpolated string) found lexically in C# source.</summary>
internal sealed record CSharpLiteral(string Value, int Line, int Column, int Offset);
