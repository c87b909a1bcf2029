using System.Runtime.CompilerServices;

namespace Cutter.Cutting;

/// <summary>The 32 bytes of a SHA-256 digest held inline (no array of their own), for the content sha of a cut unit.</summary>
[InlineArray(Length)]
internal struct Sha256Digest
{
    public const int Length = 32;

    private byte _first;
}
