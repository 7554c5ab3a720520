using System.Buffers.Binary;
using System.Text;
using HighPerf.Caching.Keys;

namespace HighPerf.Caching.Engine.Envelope;

/// <summary>
/// The header in front of every value the store puts in the distributed level, so that any node
/// reading it knows how fresh it is, what it is tagged with, and how to decode it. Layout
/// (little-endian):
/// <list type="bullet">
/// <item>byte 0: format version (1); byte 1: flags (bit 0: the payload is a zstd frame);</item>
/// <item>bytes 2-3: the header's length in bytes, these fixed bytes included;</item>
/// <item>bytes 4-7: the payload's length as stored;</item>
/// <item>bytes 8-15: when its computation started, Unix milliseconds (compared with tag invalidations);</item>
/// <item>bytes 16-23: until when it is fresh, Unix milliseconds (after that only fail-safe serves it);</item>
/// <item>then the tags: a count and each tag's UTF-8 length as unsigned LEB128 varints, each followed by its bytes.</item>
/// </list>
/// </summary>
internal readonly struct CacheEnvelope(bool compressed, int payloadLength, long createdAtUnix, long freshUntilUnix, string[]? tags)
{
    internal const byte Version = 1;
    internal const int FixedLength = 24;
    internal const int PrefixLength = 8;
    private const byte CompressedFlag = 0x01;

    internal bool Compressed { get; } = compressed;

    internal int PayloadLength { get; } = payloadLength;

    internal long CreatedAtUnix { get; } = createdAtUnix;

    internal long FreshUntilUnix { get; } = freshUntilUnix;

    internal string[]? Tags { get; } = tags;

    /// <summary>The bytes <see cref="Write"/> takes.</summary>
    internal int Length
    {
        get
        {
            var length = FixedLength + Varint.Length(Tags?.Length ?? 0);
            if (Tags is { } tags)
            {
                foreach (var tag in tags)
                {
                    var bytes = Encoding.UTF8.GetByteCount(tag);
                    length += Varint.Length(bytes) + bytes;
                }
            }

            return length;
        }
    }

    internal void Write(Span<byte> destination, int length)
    {
        if (length > ushort.MaxValue)
        {
            throw new ArgumentException($"The tags of one entry take {length} bytes; at most {ushort.MaxValue} fit.", nameof(destination));
        }

        destination[0] = Version;
        destination[1] = Compressed ? CompressedFlag : (byte)0;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[2..], (ushort)length);
        BinaryPrimitives.WriteInt32LittleEndian(destination[4..], PayloadLength);
        BinaryPrimitives.WriteInt64LittleEndian(destination[8..], CreatedAtUnix);
        BinaryPrimitives.WriteInt64LittleEndian(destination[16..], FreshUntilUnix);
        var offset = FixedLength + Varint.Write(destination[FixedLength..], Tags?.Length ?? 0);
        if (Tags is { } tags)
        {
            foreach (var tag in tags)
            {
                var bytes = Encoding.UTF8.GetByteCount(tag);
                offset += Varint.Write(destination[offset..], bytes);
                offset += Encoding.UTF8.GetBytes(tag, destination[offset..]);
            }
        }
    }

    /// <summary>Reads the fixed prefix: the version check, the header's and the payload's lengths.</summary>
    internal static bool TryReadPrefix(ReadOnlySpan<byte> prefix, out int headerLength, out int payloadLength)
    {
        headerLength = BinaryPrimitives.ReadUInt16LittleEndian(prefix[2..]);
        payloadLength = BinaryPrimitives.ReadInt32LittleEndian(prefix[4..]);
        return prefix[0] == Version && headerLength >= FixedLength + 1 && payloadLength >= 0;
    }

    /// <summary>Reads a whole header; <see langword="false"/> when the bytes are not one written by <see cref="Write"/>.</summary>
    internal static bool TryRead(ReadOnlySpan<byte> header, out CacheEnvelope envelope)
    {
        envelope = default;
        if (header.Length < FixedLength + 1 || !TryReadPrefix(header, out var headerLength, out var payloadLength) || headerLength != header.Length)
        {
            return false;
        }

        var offset = FixedLength;
        if (!Varint.TryRead(header, ref offset, out var count) || count > header.Length)
        {
            return false;
        }

        string[]? tags = count == 0 ? null : new string[count];
        for (var i = 0; i < count; i++)
        {
            if (!Varint.TryRead(header, ref offset, out var length) || length > header.Length - offset)
            {
                return false;
            }

            tags![i] = Encoding.UTF8.GetString(header.Slice(offset, length));
            offset += length;
        }

        envelope = new CacheEnvelope(
            (header[1] & CompressedFlag) != 0,
            payloadLength,
            BinaryPrimitives.ReadInt64LittleEndian(header[8..]),
            BinaryPrimitives.ReadInt64LittleEndian(header[16..]),
            tags);
        return offset == header.Length;
    }
}
