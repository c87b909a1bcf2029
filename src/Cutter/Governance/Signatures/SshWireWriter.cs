using System.Buffers.Binary;

namespace Cutter.Governance.Signatures;

/// <summary>Writes the SSH wire encoding (uint32 and length-prefixed strings) to build SSHSIG blobs.</summary>
internal sealed class SshWireWriter
{
    private readonly MemoryStream _buffer = new();

    public SshWireWriter WriteFixed(ReadOnlySpan<byte> bytes)
    {
        _buffer.Write(bytes);
        return this;
    }

    public SshWireWriter WriteUInt32(uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return WriteFixed(bytes);
    }

    public SshWireWriter WriteString(ReadOnlySpan<byte> bytes) => WriteUInt32((uint)bytes.Length).WriteFixed(bytes);

    public SshWireWriter WriteString(string ascii) => WriteString(System.Text.Encoding.ASCII.GetBytes(ascii));

    public byte[] ToArray() => _buffer.ToArray();
}
