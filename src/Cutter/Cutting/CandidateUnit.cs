using System.Buffers;

namespace Cutter.Cutting;

/// <summary>
/// One information unit (IU) a run would write, with its unit version (UV) content.
/// <see cref="Content"/> is already normalized (see docs/payload-sha.md); <see cref="ContentSha256"/> is over its UTF-8 bytes.
/// </summary>
/// <remarks>
/// A cut keeps each unit's content sha as its 32 bytes and makes the 64-character hex text only when something reads
/// <see cref="ContentSha256"/> (the store's writer, the review page, the plan's JSON): a large document has a hundred
/// thousand units, and the payload sha, the one reader every cut has, takes the hex from the bytes as it streams.
/// Equality is over the same eight values as ever, the content sha compared as its hex text.
/// </remarks>
public sealed record CandidateUnit
{
    private readonly Sha256Digest _contentDigest;
    private string? _contentSha256;

    public CandidateUnit(string Address, int Ordinal, string Kind, string? ParentAddress, string Heading, string Content, string ContentSha256, int SourceLine)
    {
        this.Address = Address;
        this.Ordinal = Ordinal;
        this.Kind = Kind;
        this.ParentAddress = ParentAddress;
        this.Heading = Heading;
        this.Content = Content;
        _contentSha256 = ContentSha256;
        this.SourceLine = SourceLine;
    }

    /// <summary>A unit as the cutter makes it: the content sha as the digest's bytes, its hex made when first read.</summary>
    internal CandidateUnit(string address, int ordinal, string kind, string? parentAddress, string heading, string content, ReadOnlySpan<byte> contentDigest, int sourceLine)
    {
        Address = address;
        Ordinal = ordinal;
        Kind = kind;
        ParentAddress = parentAddress;
        Heading = heading;
        Content = content;
        contentDigest.CopyTo(_contentDigest);
        SourceLine = sourceLine;
    }

    public string Address { get; init; }
    public int Ordinal { get; init; }
    public string Kind { get; init; }
    public string? ParentAddress { get; init; }
    public string Heading { get; init; }
    public string Content { get; init; }

    /// <summary>The SHA-256 of <see cref="Content"/>'s UTF-8 bytes, lower-case hex.</summary>
    public string ContentSha256
    {
        get => _contentSha256 ??= Convert.ToHexStringLower(_contentDigest);
        init => _contentSha256 = value;
    }

    public int SourceLine { get; init; }

    /// <summary>Writes <see cref="ContentSha256"/>'s UTF-8 bytes (its hex text) as a netstring, without making the text.</summary>
    internal void WriteContentSha256(ArrayBufferWriter<byte> output)
    {
        if (_contentSha256 is { } text)
        {
            Netstrings.Field(output, text);
            return;
        }
        Netstrings.HexDigest(output, _contentDigest);
    }

    public void Deconstruct(out string Address, out int Ordinal, out string Kind, out string? ParentAddress, out string Heading, out string Content, out string ContentSha256, out int SourceLine)
    {
        Address = this.Address;
        Ordinal = this.Ordinal;
        Kind = this.Kind;
        ParentAddress = this.ParentAddress;
        Heading = this.Heading;
        Content = this.Content;
        ContentSha256 = this.ContentSha256;
        SourceLine = this.SourceLine;
    }

    public bool Equals(CandidateUnit? other) =>
        other is not null
        && Address == other.Address
        && Ordinal == other.Ordinal
        && Kind == other.Kind
        && ParentAddress == other.ParentAddress
        && Heading == other.Heading
        && Content == other.Content
        && ContentSha256 == other.ContentSha256
        && SourceLine == other.SourceLine;

    public override int GetHashCode() => HashCode.Combine(Address, Ordinal, Kind, ParentAddress, Heading, Content, ContentSha256, SourceLine);
}
