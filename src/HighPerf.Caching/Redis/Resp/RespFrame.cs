using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace HighPerf.Caching.Redis.Resp;

/// <summary>
/// Reads one complete RESP value that <see cref="RespScanner"/> has delimited. Typed reads copy
/// only the payload (a GET allocates exactly its value); <see cref="ReadReply"/> builds a tree.
/// </summary>
internal ref struct RespFrame
{
    private SequenceReader<byte> _reader;

    internal RespFrame(in ReadOnlySequence<byte> frame)
    {
        _reader = new SequenceReader<byte>(frame);
        SkipAttributes();
    }

    /// <summary>The type byte of the value ahead.</summary>
    internal readonly byte Type => _reader.TryPeek(out var type) ? type : (byte)0;

    internal readonly bool IsError => Type is (byte)'-' or (byte)'!';

    /// <summary>The server's error text of an error reply.</summary>
    internal string ReadError()
    {
        var type = ReadType();
        if (type == (byte)'-')
        {
            return ReadLineText();
        }

        var bytes = ReadBulkPayload();
        return bytes is null ? string.Empty : Encoding.UTF8.GetString(bytes);
    }

    /// <summary>A bulk or simple string's bytes; <see langword="null"/> for a null reply.</summary>
    internal byte[]? ReadBytes()
    {
        var type = ReadType();
        switch (type)
        {
            case (byte)'$':
            case (byte)'=':
                var bytes = ReadBulkPayload();
                return type == (byte)'=' && bytes is { Length: >= 4 } ? bytes[4..] : bytes;
            case (byte)'+':
                return ReadLine().ToArray();
            case (byte)'_':
                _reader.Advance(2);
                return null;
            case (byte)'*':
                RespScanner.TryReadLength(ref _reader, out var count);
                return count < 0 ? null : Unexpected<byte[]?>(type);
            default:
                return Unexpected<byte[]?>(type);
        }
    }

    /// <summary>Copies a bulk string into <paramref name="destination"/>; <see langword="false"/> for a null reply.</summary>
    internal bool ReadBytesTo(IBufferWriter<byte> destination)
    {
        var type = ReadType();
        if (type is (byte)'_')
        {
            _reader.Advance(2);
            return false;
        }

        if (type != (byte)'$')
        {
            return Unexpected<bool>(type);
        }

        RespScanner.TryReadLength(ref _reader, out var length);
        if (length < 0)
        {
            return false;
        }

        var payload = _reader.UnreadSequence.Slice(0, length);
        foreach (var segment in payload)
        {
            destination.Write(segment.Span);
        }

        _reader.Advance(length + 2);
        return true;
    }

    /// <summary>Reads a bulk string's header: its length, or -1 for null. The payload follows; see <see cref="ReadPayload(Span{byte})"/>.</summary>
    internal int ReadBulkLength()
    {
        var type = ReadType();
        if (type == (byte)'_')
        {
            _reader.Advance(2);
            return -1;
        }

        if (type != (byte)'$')
        {
            return Unexpected<int>(type);
        }

        RespScanner.TryReadLength(ref _reader, out var length);
        return checked((int)length);
    }

    /// <summary>Copies the next payload bytes of a bulk string into <paramref name="destination"/>.</summary>
    internal void ReadPayload(scoped Span<byte> destination)
    {
        _reader.TryCopyTo(destination);
        _reader.Advance(destination.Length);
    }

    /// <summary>Copies the next <paramref name="length"/> payload bytes into <paramref name="destination"/>.</summary>
    internal void ReadPayload(IBufferWriter<byte> destination, int length)
    {
        foreach (var segment in _reader.UnreadSequence.Slice(0, length))
        {
            destination.Write(segment.Span);
        }

        _reader.Advance(length);
    }

    internal long ReadInteger()
    {
        var type = ReadType();
        if (type != (byte)':')
        {
            return Unexpected<long>(type);
        }

        var line = ReadLine();
        return Utf8Parser.TryParse(line, out long value, out var consumed) && consumed == line.Length
            ? value
            : Unexpected<long>(type);
    }

    /// <summary><see langword="true"/> for <c>+OK</c> (or any simple string), <see langword="false"/> for null (a SET NX that did not set).</summary>
    internal bool ReadStatus()
    {
        var type = ReadType();
        switch (type)
        {
            case (byte)'+':
                ReadLine();
                return true;
            case (byte)'_':
                _reader.Advance(2);
                return false;
            case (byte)'$':
                return ReadBulkPayload() is not null;
            default:
                return Unexpected<bool>(type);
        }
    }

    /// <summary>The element count of an array, set or push reply; -1 for a null array.</summary>
    internal int ReadAggregateHeader()
    {
        var type = ReadType();
        if (type is (byte)'_')
        {
            _reader.Advance(2);
            return -1;
        }

        if (type is not ((byte)'*' or (byte)'~' or (byte)'>'))
        {
            return Unexpected<int>(type);
        }

        RespScanner.TryReadLength(ref _reader, out var count);
        return checked((int)count);
    }

    /// <summary>Builds the whole value as a tree.</summary>
    internal RedisReply ReadReply()
    {
        SkipAttributes();
        var type = ReadType();
        switch (type)
        {
            case (byte)'+':
                return new RedisReply(RedisReplyKind.SimpleString, ReadLine().ToArray());
            case (byte)'-':
                throw new RedisException(RedisErrorKind.Server, ReadLineText());
            case (byte)'!':
                throw new RedisException(RedisErrorKind.Server, Encoding.UTF8.GetString(ReadBulkPayload() ?? []));
            case (byte)':':
                return new RedisReply(RedisReplyKind.Integer, integer: long.Parse(ReadLineText(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
            case (byte)'_':
                _reader.Advance(2);
                return RedisReply.Null;
            case (byte)',':
                return new RedisReply(RedisReplyKind.Double, number: ParseDouble(ReadLineText()));
            case (byte)'#':
                return new RedisReply(RedisReplyKind.Boolean, integer: ReadLine()[0] == (byte)'t' ? 1 : 0);
            case (byte)'(':
                return new RedisReply(RedisReplyKind.BigNumber, ReadLine().ToArray());
            case (byte)'$':
            {
                var bytes = ReadBulkPayload();
                return bytes is null ? RedisReply.Null : new RedisReply(RedisReplyKind.BulkString, bytes);
            }

            case (byte)'=':
            {
                var bytes = ReadBulkPayload() ?? [];
                return new RedisReply(RedisReplyKind.VerbatimString, bytes.Length >= 4 ? bytes[4..] : bytes);
            }

            case (byte)'*' or (byte)'~' or (byte)'>' or (byte)'%':
            {
                RespScanner.TryReadLength(ref _reader, out var count);
                if (count < 0)
                {
                    return RedisReply.Null;
                }

                if (type == (byte)'%')
                {
                    count *= 2;
                }

                var elements = new RedisReply[count];
                for (var i = 0; i < elements.Length; i++)
                {
                    elements[i] = ReadReply();
                }

                var kind = type switch
                {
                    (byte)'*' => RedisReplyKind.Array,
                    (byte)'~' => RedisReplyKind.Set,
                    (byte)'>' => RedisReplyKind.Push,
                    _ => RedisReplyKind.Map,
                };
                return new RedisReply(kind, elements: elements);
            }

            default:
                return Unexpected<RedisReply>(type);
        }
    }

    /// <summary>Reads a string element of an aggregate as UTF-8 text (channel names, push kinds).</summary>
    internal string? ReadText()
    {
        var bytes = ReadBytes();
        return bytes is null ? null : Encoding.UTF8.GetString(bytes);
    }

    private static double ParseDouble(string text) => text switch
    {
        "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        "nan" => double.NaN,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    private void SkipAttributes()
    {
        // Only the attribute map: the scanner's frame would take the annotated value with it.
        while (_reader.TryPeek(out var type) && type == (byte)'|')
        {
            _reader.Advance(1);
            RespScanner.TryReadLength(ref _reader, out var count);
            for (long i = 0; i < count * 2; i++)
            {
                RespScanner.TrySkipValue(ref _reader);
            }
        }
    }

    private byte ReadType()
    {
        if (!_reader.TryRead(out var type))
        {
            RedisException.ThrowProtocol("empty frame");
        }

        return type;
    }

    private byte[]? ReadBulkPayload()
    {
        RespScanner.TryReadLength(ref _reader, out var length);
        if (length < 0)
        {
            return null;
        }

        var bytes = GC.AllocateUninitializedArray<byte>(checked((int)length));
        _reader.TryCopyTo(bytes);
        _reader.Advance(length + 2);
        return bytes;
    }

    private ReadOnlySpan<byte> ReadLine()
    {
        if (!_reader.TryReadTo(out ReadOnlySequence<byte> line, (byte)'\n') || line.Length == 0)
        {
            RedisException.ThrowProtocol("unterminated line");
        }

        // Simple lines are short; a multi-segment one is rare enough to copy.
        var bytes = line.IsSingleSegment ? line.FirstSpan : line.ToArray();
        return bytes[..^1];
    }

    private string ReadLineText() => Encoding.UTF8.GetString(ReadLine());

    private static T Unexpected<T>(byte type)
    {
        RedisException.ThrowProtocol($"unexpected reply type '{(char)type}' for this command");
        return default!;
    }
}
