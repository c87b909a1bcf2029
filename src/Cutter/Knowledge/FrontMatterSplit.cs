namespace Cutter.Knowledge;

/// <summary>
/// A document cut at its front matter fences. Line numbers are 1-based in the whole document so that every
/// diagnostic about the body or the YAML points at the line an editor shows.
/// </summary>
internal readonly record struct FrontMatterSplit(string Yaml, int YamlFirstLine, string Body, int BodyFirstLine);
