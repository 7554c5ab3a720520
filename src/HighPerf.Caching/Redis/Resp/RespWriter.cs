using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace HighPerf.Caching.Redis.Resp;

/// <summary>
/// Writes commands as RESP arrays of bulk strings straight into the connection's buffer: keys are
/// UTF-8 encoded in place and values copied once, so a command costs no allocation.
/// </summary>
internal static class RespWriter
{
    private const int MaxHeaderLength = 1 + 20 + 2;

    internal static void WriteArrayHeader(IBufferWriter<byte> writer, int count) => WriteHeader(writer, (byte)'*', count);

    internal static void WriteBulk(IBufferWriter<byte> writer, ReadOnlySpan<byte> value)
    {
        WriteHeader(writer, (byte)'$', value.Length);
        var span = writer.GetSpan(value.Length + 2);
        value.CopyTo(span);
        span[value.Length] = (byte)'\r';
        span[value.Length + 1] = (byte)'\n';
        writer.Advance(value.Length + 2);
    }

    internal static void WriteBulk(IBufferWriter<byte> writer, in ReadOnlySequence<byte> value)
    {
        WriteHeader(writer, (byte)'$', checked((int)value.Length));
        foreach (var segment in value)
        {
            writer.Write(segment.Span);
        }

        writer.Write("\r\n"u8);
    }

    internal static void WriteBulk(IBufferWriter<byte> writer, string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        WriteHeader(writer, (byte)'$', length);
        var span = writer.GetSpan(length + 2);
        Encoding.UTF8.GetBytes(value, span);
        span[length] = (byte)'\r';
        span[length + 1] = (byte)'\n';
        writer.Advance(length + 2);
    }

    internal static void WriteBulk(IBufferWriter<byte> writer, long value)
    {
        Span<byte> digits = stackalloc byte[20];
        Utf8Formatter.TryFormat(value, digits, out var written);
        WriteBulk(writer, digits[..written]);
    }

    /// <summary>Starts a bulk string of <paramref name="length"/> bytes; the caller writes them, then <see cref="WriteBulkEnd"/>.</summary>
    internal static void WriteBulkStart(IBufferWriter<byte> writer, int length) => WriteHeader(writer, (byte)'$', length);

    internal static void WriteBulkEnd(IBufferWriter<byte> writer) => writer.Write("\r\n"u8);

    /// <summary>Writes a command name or other pre-encoded RESP fragment as is.</summary>
    internal static void WriteRaw(IBufferWriter<byte> writer, ReadOnlySpan<byte> encoded) => writer.Write(encoded);

    private static void WriteHeader(IBufferWriter<byte> writer, byte prefix, int length)
    {
        var span = writer.GetSpan(MaxHeaderLength);
        span[0] = prefix;
        Utf8Formatter.TryFormat(length, span[1..], out var written);
        span[written + 1] = (byte)'\r';
        span[written + 2] = (byte)'\n';
        writer.Advance(written + 3);
    }
}
