using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Npgsql;

namespace Cutter.Store.Scan;

/// <summary>
/// The rows of one <c>COPY … TO STDOUT (FORMAT BINARY)</c>, parsed from Npgsql's raw copy stream (PostgreSQL's binary
/// COPY format: a signature and header, then per row a 16-bit field count and each field as a 32-bit length, -1 for
/// NULL, followed by that many bytes in the type's binary send format; a count of -1 ends the data). Each row is held
/// whole in one buffer and its fields are handed out as spans, so a text that is only hashed is never decoded to a
/// string, and a field costs a length read instead of Npgsql's per-field type dispatch (the scan reads millions).
/// </summary>
internal sealed class BinaryCopyRows : IDisposable
{
    private static ReadOnlySpan<byte> Signature => [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0];
    private const int HeaderBytes = 11 + 4 + 4;

    private readonly Stream _stream;
    private readonly string _what;
    private readonly int[] _offsets;
    private readonly int[] _lengths;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(256 * 1024);
    // The unread bytes are _buffer[_start.._end]; the current row is the first _rowBytes of them.
    private int _start;
    private int _end;
    private int _rowBytes;
    private bool _ended;

    /// <summary>Starts <paramref name="copy"/> on <paramref name="connection"/>; every row must have <paramref name="columns"/> fields.</summary>
    public BinaryCopyRows(NpgsqlConnection connection, string copy, int columns, string what)
    {
        _what = what;
        _offsets = new int[columns];
        _lengths = new int[columns];
        _stream = connection.BeginRawBinaryCopy(copy);
        Fill(HeaderBytes);
        if (!_buffer.AsSpan(_start, Signature.Length).SequenceEqual(Signature)) throw Malformed("it does not start with the binary COPY signature");
        var extension = BinaryPrimitives.ReadInt32BigEndian(_buffer.AsSpan(_start + 15, 4));
        if (extension < 0) throw Malformed($"its header extension length is {extension}");
        Fill(HeaderBytes + extension);
        _start += HeaderBytes + extension;
    }

    /// <summary>Moves to the next row; false after the last.</summary>
    public bool Next()
    {
        if (_ended) return false;
        _start += _rowBytes;
        _rowBytes = 0;
        Fill(2);
        var fields = BinaryPrimitives.ReadInt16BigEndian(_buffer.AsSpan(_start, 2));
        if (fields == -1)
        {
            _start += 2;
            _ended = true;
            // The copy is complete only once the stream reports its end; nothing may follow the trailer.
            if (_end > _start || _stream.Read(_buffer, 0, _buffer.Length) != 0) throw Malformed("data follows its end marker");
            return false;
        }
        if (fields != _offsets.Length) throw Malformed($"a row has {fields} fields, not {_offsets.Length}");
        var at = 2;
        for (var i = 0; i < fields; i++)
        {
            Fill(at + 4);
            var length = BinaryPrimitives.ReadInt32BigEndian(_buffer.AsSpan(_start + at, 4));
            at += 4;
            if (length < -1) throw Malformed($"field {i} has length {length}");
            _offsets[i] = at;
            _lengths[i] = length;
            if (length > 0)
            {
                Fill(at + length);
                at += length;
            }
        }
        _rowBytes = at;
        return true;
    }

    public bool IsNull(int column) => _lengths[column] == -1;

    /// <summary>The field's bytes as the server sent them (for text: its UTF-8 bytes, the connection's client encoding).</summary>
    public ReadOnlySpan<byte> Bytes(int column)
    {
        if (_lengths[column] == -1) throw Malformed($"field {column} is NULL where the column cannot be");
        return _buffer.AsSpan(_start + _offsets[column], _lengths[column]);
    }

    public long Int64(int column) => BinaryPrimitives.ReadInt64BigEndian(Fixed(column, 8));

    public int Int32(int column) => BinaryPrimitives.ReadInt32BigEndian(Fixed(column, 4));

    /// <summary>A uuid: its 16 bytes in network order, as <see cref="Guid"/> reads big-endian bytes.</summary>
    public Guid Uuid(int column) => new(Fixed(column, 16), bigEndian: true);

    public string Text(int column) => Encoding.UTF8.GetString(Bytes(column));

    private ReadOnlySpan<byte> Fixed(int column, int length)
    {
        var bytes = Bytes(column);
        if (bytes.Length != length) throw Malformed($"field {column} has {bytes.Length} bytes, not {length}");
        return bytes;
    }

    /// <summary>Makes at least <paramref name="count"/> unread bytes available from <c>_start</c>, reading (and growing the buffer) as needed.</summary>
    private void Fill(int count)
    {
        if (_end - _start >= count) return;
        if (count > _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(count, _buffer.Length * 2));
            _buffer.AsSpan(_start, _end - _start).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
            _end -= _start;
            _start = 0;
        }
        else if (_buffer.Length - _start < count)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }
        while (_end - _start < count)
        {
            var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0) throw Malformed("it ended in the middle of a row");
            _end += read;
        }
    }

    private InvalidOperationException Malformed(string problem) => new($"the binary COPY of {_what} is malformed: {problem}");

    public void Dispose()
    {
        _stream.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
