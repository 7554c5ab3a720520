using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace HighPerf.Data.Arrow.CData;

/// <summary>
/// The C Data Interface's metadata encoding: int32 pair count, then per pair int32 key length, key bytes,
/// int32 value length, value bytes; integers in native (here little) endianness; absent metadata is NULL.
/// </summary>
internal static unsafe class CMetadata
{
    public static int EncodedLength(IReadOnlyDictionary<string, string> metadata)
    {
        if (metadata.Count == 0)
        {
            return 0;
        }

        var length = 4;
        foreach (var (key, value) in metadata)
        {
            length += 8 + Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(value);
        }

        return length;
    }

    public static void Encode(IReadOnlyDictionary<string, string> metadata, Span<byte> destination)
    {
        BinaryPrimitives.WriteInt32LittleEndian(destination, metadata.Count);
        var at = 4;
        foreach (var (key, value) in metadata)
        {
            at += WriteString(key, destination[at..]);
            at += WriteString(value, destination[at..]);
        }
    }

    public static List<KeyValuePair<string, string>>? Decode(byte* metadata)
    {
        if (metadata == null)
        {
            return null;
        }

        var count = ReadInt32(ref metadata);
        if (count < 0)
        {
            ArrowFormatException.ThrowInvalid($"the C metadata declares {count} pairs.");
        }

        var pairs = new List<KeyValuePair<string, string>>(Math.Min(count, 1024));
        for (var i = 0; i < count; i++)
        {
            var key = ReadString(ref metadata);
            var value = ReadString(ref metadata);
            pairs.Add(new KeyValuePair<string, string>(key, value));
        }

        return pairs;
    }

    public static string ReadNulTerminated(byte* text) => text == null ? string.Empty : Marshal.PtrToStringUTF8((nint)text) ?? string.Empty;

    private static int WriteString(string text, Span<byte> destination)
    {
        var written = Encoding.UTF8.GetBytes(text, destination[4..]);
        BinaryPrimitives.WriteInt32LittleEndian(destination, written);
        return 4 + written;
    }

    private static int ReadInt32(ref byte* cursor)
    {
        var value = BinaryPrimitives.ReadInt32LittleEndian(new ReadOnlySpan<byte>(cursor, 4));
        cursor += 4;
        return value;
    }

    private static string ReadString(ref byte* cursor)
    {
        var length = ReadInt32(ref cursor);
        if (length < 0)
        {
            ArrowFormatException.ThrowInvalid($"a C metadata string has length {length}.");
        }

        var text = Encoding.UTF8.GetString(cursor, length);
        cursor += length;
        return text;
    }
}
