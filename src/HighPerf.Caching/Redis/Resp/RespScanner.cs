using System.Buffers;
using System.Buffers.Text;

namespace HighPerf.Caching.Redis.Resp;

/// <summary>
/// Finds where one complete RESP2/RESP3 value ends in buffered bytes, without materializing it, so
/// the receive loop hands each reply over only once all of it has arrived (replies split across
/// reads at any byte are simply waited for).
/// </summary>
internal static class RespScanner
{
    /// <summary>Deeper nesting than this is refused as a protocol error rather than trusted.</summary>
    private const int MaxDepth = 64;

    /// <summary>
    /// Advances <paramref name="reader"/> past one complete value (attributes included) and returns
    /// <see langword="true"/>, or returns <see langword="false"/> when more bytes are needed.
    /// </summary>
    internal static bool TrySkipValue(ref SequenceReader<byte> reader) => TrySkip(ref reader, 0);

    private static bool TrySkip(ref SequenceReader<byte> reader, int depth)
    {
        if (depth > MaxDepth)
        {
            RedisException.ThrowProtocol("nesting deeper than " + MaxDepth);
        }

        if (!reader.TryRead(out var type))
        {
            return false;
        }

        switch (type)
        {
            case (byte)'+' or (byte)'-' or (byte)':' or (byte)'_' or (byte)',' or (byte)'#' or (byte)'(':
                return reader.TryAdvanceToAny("\n"u8, advancePastDelimiter: true);

            case (byte)'$' or (byte)'!' or (byte)'=':
            {
                if (!TryReadLength(ref reader, out var length))
                {
                    return false;
                }

                if (length < 0)
                {
                    return true;
                }

                if (reader.Remaining < length + 2)
                {
                    return false;
                }

                reader.Advance(length + 2);
                return true;
            }

            case (byte)'*' or (byte)'~' or (byte)'>' or (byte)'%' or (byte)'|':
            {
                if (!TryReadLength(ref reader, out var count))
                {
                    return false;
                }

                if (type is (byte)'%' or (byte)'|')
                {
                    count *= 2;
                }

                for (long i = 0; i < count; i++)
                {
                    if (!TrySkip(ref reader, depth + 1))
                    {
                        return false;
                    }
                }

                // An attribute annotates the value that follows it: both are one frame.
                return type != (byte)'|' || TrySkip(ref reader, depth + 1);
            }

            default:
                RedisException.ThrowProtocol($"unexpected type byte 0x{type:X2}");
                return false;
        }
    }

    /// <summary>Reads the signed decimal length that ends a header line.</summary>
    internal static bool TryReadLength(ref SequenceReader<byte> reader, out long length)
    {
        length = 0;
        if (!reader.TryReadTo(out ReadOnlySequence<byte> line, (byte)'\n'))
        {
            return false;
        }

        var lineLength = (int)Math.Min(line.Length, int.MaxValue);
        if (lineLength is < 2 or > 24)
        {
            RedisException.ThrowProtocol("malformed length line");
        }

        Span<byte> buffer = stackalloc byte[24];
        line.CopyTo(buffer);
        if (buffer[lineLength - 1] != (byte)'\r')
        {
            RedisException.ThrowProtocol("length line not ended by CRLF");
        }

        var text = buffer[..(lineLength - 1)];
        if (text.Length == 1 && text[0] == (byte)'?')
        {
            RedisException.ThrowProtocol("streamed aggregates are not supported");
        }

        if (!Utf8Parser.TryParse(text, out length, out var consumed) || consumed != text.Length || length < -1)
        {
            RedisException.ThrowProtocol("malformed length");
        }

        return true;
    }
}
