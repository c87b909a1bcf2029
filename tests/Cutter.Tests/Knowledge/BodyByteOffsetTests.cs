using System.Text;
using Cutter.Knowledge;
using Xunit;

namespace Cutter.Tests.Knowledge;

/// <summary>
/// The cutter decodes a document's body on its own from <see cref="KbFrontMatter.BodyByteOffset"/>; that offset must
/// name exactly the body <see cref="KbFrontMatter.Split"/> finds in the decoded text, and -1 exactly where Split refuses.
/// </summary>
public class BodyByteOffsetTests
{
    [Theory]
    [InlineData("---\nid: KB-1\n---\n# Title\n", 17)]
    [InlineData("\uFEFF---\nid: KB-1\n---\nbody", 20)]
    [InlineData("---\r\nid: KB-1\r\n---\r\nbody\r\n", 20)]
    [InlineData("---\nid: KB-1\n---", 16)]
    [InlineData("---\nid: é\n---\nbody é", 15)]
    [InlineData("---\n---\n", 8)]
    [InlineData("---\nid: KB-1\n--- \n---\nbody", 22)]
    public void Offset_IsWhereSplitsBodyStarts(string text, int expected)
    {
        var raw = Encoding.UTF8.GetBytes(text);

        var offset = KbFrontMatter.BodyByteOffset(raw);

        Assert.Equal(expected, offset);
        Assert.Equal(KbFrontMatter.Split(text, "test").Body, Encoding.UTF8.GetString(raw.AsSpan(offset)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("id: KB-1\n---\nbody")]
    [InlineData("---")]
    [InlineData("---\r")]
    [InlineData("---\nid: KB-1\n")]
    [InlineData("---\nid: KB-1\n---\r")]
    [InlineData("---\nid: KB-1\n ---\nbody")]
    [InlineData("\uFEFF\uFEFF---\nid: KB-1\n---\nbody")]
    public void NoOffset_WhereSplitRefuses(string text)
    {
        Assert.Equal(-1, KbFrontMatter.BodyByteOffset(Encoding.UTF8.GetBytes(text)));
        Assert.Throws<KbFrontMatterException>(() => KbFrontMatter.Split(text, "test"));
    }
}
