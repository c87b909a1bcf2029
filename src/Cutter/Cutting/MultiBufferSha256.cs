using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Security.Cryptography;

namespace Cutter.Cutting;

/// <summary>
/// SHA-256 (FIPS 180-4) of many short messages at once: eight messages run side by side, one in each 32-bit lane of a
/// <see cref="Vector256{T}"/>. A cut hashes tens of thousands of units of about a hundred bytes; hashed one at a time
/// through the platform's SHA-256 every unit pays three native calls (about 0.7 us), twenty times what its two
/// blocks of compression cost. Messages are grouped by their number of blocks, so the eight lanes of a group finish
/// together; a message longer than <see cref="MaxLaneBlocks"/> blocks, and every message on a processor without
/// 256-bit vectors, goes to <see cref="SHA256.HashData(ReadOnlySpan{byte}, Span{byte})"/>, where one call is cheap
/// against its length. The digests are the standard ones: tests compare them with the platform's on every length.
/// </summary>
internal static class MultiBufferSha256
{
    public const int DigestBytes = 32;
    private const int Lanes = 8;
    private const int BlockBytes = 64;
    private const int BlockWords = 16;

    /// <summary>Messages of more blocks than this are hashed one by one (the group's scratch stays on the stack).</summary>
    public const int MaxLaneBlocks = 16;

    private static readonly uint[] RoundConstants =
    [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ];

    private static readonly uint[] InitialState =
        [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

    /// <summary>True when the lanes run on vector hardware; otherwise every message is hashed by the platform.</summary>
    public static bool IsAccelerated => Vector256.IsHardwareAccelerated && Avx2.IsSupported;

    /// <summary>
    /// Writes the SHA-256 of every message into <paramref name="digests"/> (32 bytes each, in message order).
    /// Message <c>i</c> is <c>data[ends[i-1]..ends[i]]</c> (the first starts at 0).
    /// </summary>
    public static void Hash(ReadOnlySpan<byte> data, ReadOnlySpan<int> ends, Span<byte> digests)
    {
        if (digests.Length < ends.Length * DigestBytes)
        {
            throw new ArgumentException($"room for {digests.Length / DigestBytes} digests, {ends.Length} messages", nameof(digests));
        }
        if (!IsAccelerated)
        {
            for (var i = 0; i < ends.Length; i++)
            {
                SHA256.HashData(Message(data, ends, i), digests.Slice(i * DigestBytes, DigestBytes));
            }
            return;
        }

        // Counting sort of the messages by block count, so each group of eight shares one.
        Span<int> starts = stackalloc int[MaxLaneBlocks + 2];
        for (var i = 0; i < ends.Length; i++)
        {
            starts[Bucket(Message(data, ends, i).Length) + 1]++;
        }
        for (var b = 1; b < starts.Length; b++)
        {
            starts[b] += starts[b - 1];
        }
        var order = new int[ends.Length];
        Span<int> fill = stackalloc int[MaxLaneBlocks + 1];
        starts[..^1].CopyTo(fill);
        for (var i = 0; i < ends.Length; i++)
        {
            order[fill[Bucket(Message(data, ends, i).Length)]++] = i;
        }

        // One scratch for every group: the padded messages transposed (word w of lane k at [w * 8 + k], big-endian as
        // SHA-256 reads them), one padded message, and the message schedule.
        Span<uint> words = stackalloc uint[MaxLaneBlocks * BlockWords * Lanes];
        Span<byte> padded = stackalloc byte[MaxLaneBlocks * BlockBytes];
        Span<Vector256<uint>> schedule = stackalloc Vector256<uint>[64];
        // Bucket 0 holds the messages too long for a lane.
        for (var i = starts[0]; i < starts[1]; i++)
        {
            SHA256.HashData(Message(data, ends, order[i]), digests.Slice(order[i] * DigestBytes, DigestBytes));
        }
        for (var blocks = 1; blocks <= MaxLaneBlocks; blocks++)
        {
            for (var at = starts[blocks]; at < starts[blocks + 1]; at += Lanes)
            {
                HashGroup(data, ends, order.AsSpan(at, Math.Min(Lanes, starts[blocks + 1] - at)), blocks, digests, words, padded, schedule);
            }
        }
    }

    /// <summary>The one-shot form for a single message (the tests' and the occasional caller's).</summary>
    public static void Hash(ReadOnlySpan<byte> message, Span<byte> digest) => Hash(message, [message.Length], digest);

    private static ReadOnlySpan<byte> Message(ReadOnlySpan<byte> data, ReadOnlySpan<int> ends, int i) =>
        data[(i == 0 ? 0 : ends[i - 1])..ends[i]];

    /// <summary>The padded message's block count (the 0x80 byte and the 8-byte length follow the message), or 0 when over the lane limit.</summary>
    private static int Bucket(int length)
    {
        var blocks = (length + 9 + BlockBytes - 1) / BlockBytes;
        return blocks <= MaxLaneBlocks ? blocks : 0;
    }

    /// <summary>Hashes up to eight messages of <paramref name="blocks"/> padded blocks each; unused lanes hash zeros and are dropped.</summary>
    private static void HashGroup(ReadOnlySpan<byte> data, ReadOnlySpan<int> ends, ReadOnlySpan<int> lanes, int blocks, Span<byte> digests,
        Span<uint> words, Span<byte> padded, Span<Vector256<uint>> schedule)
    {
        words = words[..(blocks * BlockWords * Lanes)];
        if (lanes.Length < Lanes)
        {
            words.Clear(); // the unused lanes hash zeros, not a previous group's words
        }
        padded = padded[..(blocks * BlockBytes)];
        for (var k = 0; k < lanes.Length; k++)
        {
            var message = Message(data, ends, lanes[k]);
            padded.Clear();
            message.CopyTo(padded);
            padded[message.Length] = 0x80;
            BinaryPrimitives.WriteUInt64BigEndian(padded[^8..], (ulong)message.Length * 8);
            for (var w = 0; w < blocks * BlockWords; w++)
            {
                words[w * Lanes + k] = BinaryPrimitives.ReadUInt32BigEndian(padded.Slice(w * 4, 4));
            }
        }

        var a = Vector256.Create(InitialState[0]);
        var b = Vector256.Create(InitialState[1]);
        var c = Vector256.Create(InitialState[2]);
        var d = Vector256.Create(InitialState[3]);
        var e = Vector256.Create(InitialState[4]);
        var f = Vector256.Create(InitialState[5]);
        var g = Vector256.Create(InitialState[6]);
        var h = Vector256.Create(InitialState[7]);
        ref var k0 = ref MemoryMarshal.GetArrayDataReference(RoundConstants);
        for (var block = 0; block < blocks; block++)
        {
            var blockWords = words.Slice(block * BlockWords * Lanes, BlockWords * Lanes);
            for (var t = 0; t < BlockWords; t++)
            {
                schedule[t] = Vector256.Create<uint>(blockWords.Slice(t * Lanes, Lanes));
            }
            for (var t = BlockWords; t < 64; t++)
            {
                schedule[t] = SmallSigma1(schedule[t - 2]) + schedule[t - 7] + SmallSigma0(schedule[t - 15]) + schedule[t - 16];
            }
            var (a0, b0, c0, d0, e0, f0, g0, h0) = (a, b, c, d, e, f, g, h);
            for (var t = 0; t < 64; t++)
            {
                var t1 = h + BigSigma1(e) + Choose(e, f, g) + Vector256.Create(Unsafe.Add(ref k0, t)) + schedule[t];
                var t2 = BigSigma0(a) + Majority(a, b, c);
                h = g;
                g = f;
                f = e;
                e = d + t1;
                d = c;
                c = b;
                b = a;
                a = t1 + t2;
            }
            a += a0;
            b += b0;
            c += c0;
            d += d0;
            e += e0;
            f += f0;
            g += g0;
            h += h0;
        }

        Span<uint> state = stackalloc uint[Lanes * 8];
        a.CopyTo(state);
        b.CopyTo(state[8..]);
        c.CopyTo(state[16..]);
        d.CopyTo(state[24..]);
        e.CopyTo(state[32..]);
        f.CopyTo(state[40..]);
        g.CopyTo(state[48..]);
        h.CopyTo(state[56..]);
        for (var k = 0; k < lanes.Length; k++)
        {
            var digest = digests.Slice(lanes[k] * DigestBytes, DigestBytes);
            for (var word = 0; word < 8; word++)
            {
                BinaryPrimitives.WriteUInt32BigEndian(digest[(word * 4)..], state[word * Lanes + k]);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> Choose(Vector256<uint> e, Vector256<uint> f, Vector256<uint> g) => g ^ (e & (f ^ g));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> Majority(Vector256<uint> a, Vector256<uint> b, Vector256<uint> c) => (a & b) | (c & (a | b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> BigSigma0(Vector256<uint> x) => RotateRight(x, 2) ^ RotateRight(x, 13) ^ RotateRight(x, 22);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> BigSigma1(Vector256<uint> x) => RotateRight(x, 6) ^ RotateRight(x, 11) ^ RotateRight(x, 25);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> SmallSigma0(Vector256<uint> x) => RotateRight(x, 7) ^ RotateRight(x, 18) ^ Vector256.ShiftRightLogical(x, 3);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> SmallSigma1(Vector256<uint> x) => RotateRight(x, 17) ^ RotateRight(x, 19) ^ Vector256.ShiftRightLogical(x, 10);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> RotateRight(Vector256<uint> x, [System.Diagnostics.CodeAnalysis.ConstantExpected] byte count) =>
        Avx512F.VL.IsSupported
            ? Avx512F.VL.RotateRight(x, count)
            : Vector256.ShiftRightLogical(x, count) | Vector256.ShiftLeft(x, 32 - count);
}
