using System.Buffers.Binary;

namespace Cutter.Governance.Signatures;

/// <summary>
/// Reads the SSH wire encoding (RFC 4251 §5: uint32 and length-prefixed strings) that SSHSIG blobs and public keys use.
/// Every read is bounds-checked so a truncated or hostile blob ends in a <see cref="FormatException"/>, never an overrun.
/// </summary>
internal ref struct SshWireReader
{
    private ReadOnlySpan<byte> _rest;

    public SshWireReader(ReadOnlySpan<byte> data) => _rest = data;

    public readonly bool AtEnd => _rest.IsEmpty;

    public ReadOnlySpan<byte> ReadFixed(int length)
    {
        if (length < 0 || length > _rest.Length)
        {
            throw new FormatException($"truncated SSH blob: wanted {length} bytes, {_rest.Length} left");
        }
        var value = _rest[..length];
        _rest = _rest[length..];
        return value;
    }

    public byte ReadByte() => ReadFixed(1)[0];

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32BigEndian(ReadFixed(4));

    public ReadOnlySpan<byte> ReadString()
    {
        var length = ReadUInt32();
        if (length > int.MaxValue) throw new FormatException("SSH string length out of range");
        return ReadFixed((int)length);
    }

    public string ReadAscii() => System.Text.Encoding.ASCII.GetString(ReadString());

    public readonly void ExpectEnd()
    {
        if (!_rest.IsEmpty) throw new FormatException($"{_rest.Length} unexpected trailing bytes in SSH blob");
    }
}
