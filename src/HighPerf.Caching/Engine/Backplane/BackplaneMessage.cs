using System.Buffers.Binary;
using System.Text;

namespace HighPerf.Caching.Engine.Backplane;

/// <summary>
/// One backplane message. Layout: byte 0 = format version (1), byte 1 = <see cref="BackplaneMessageKind"/>,
/// bytes 2-17 = the sending node's id, bytes 18-25 = when it was sent (Unix milliseconds,
/// little-endian), then the subject: a key's 16-byte hash (big-endian) or a tag in UTF-8.
/// </summary>
internal readonly record struct BackplaneMessage(BackplaneMessageKind Kind, Guid Node, long SentAtUnix, UInt128 Key, string? Tag)
{
    private const byte Version = 1;
    private const int HeaderLength = 26;

    internal byte[] ToBytes()
    {
        var subjectLength = Kind switch
        {
            BackplaneMessageKind.Remove => 16,
            BackplaneMessageKind.InvalidateTag => Encoding.UTF8.GetByteCount(Tag!),
            _ => 0,
        };
        var bytes = new byte[HeaderLength + subjectLength];
        bytes[0] = Version;
        bytes[1] = (byte)Kind;
        Node.TryWriteBytes(bytes.AsSpan(2, 16));
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(18), SentAtUnix);
        if (Kind == BackplaneMessageKind.Remove)
        {
            BinaryPrimitives.WriteUInt128BigEndian(bytes.AsSpan(HeaderLength), Key);
        }
        else if (Kind == BackplaneMessageKind.InvalidateTag)
        {
            Encoding.UTF8.GetBytes(Tag!, bytes.AsSpan(HeaderLength));
        }

        return bytes;
    }

    /// <summary>Reads a message; <see langword="false"/> for bytes that are not one (another program on the channel, a newer format).</summary>
    internal static bool TryParse(ReadOnlySpan<byte> bytes, out BackplaneMessage message)
    {
        message = default;
        if (bytes.Length < HeaderLength || bytes[0] != Version)
        {
            return false;
        }

        var kind = (BackplaneMessageKind)bytes[1];
        var node = new Guid(bytes.Slice(2, 16));
        var sentAt = BinaryPrimitives.ReadInt64LittleEndian(bytes[18..]);
        var subject = bytes[HeaderLength..];
        switch (kind)
        {
            case BackplaneMessageKind.Remove when subject.Length == 16:
                message = new BackplaneMessage(kind, node, sentAt, BinaryPrimitives.ReadUInt128BigEndian(subject), null);
                return true;
            case BackplaneMessageKind.InvalidateTag when subject.Length > 0:
                message = new BackplaneMessage(kind, node, sentAt, 0, Encoding.UTF8.GetString(subject));
                return true;
            default:
                return false;
        }
    }
}

/// <summary>What a backplane message asks the other nodes to do.</summary>
internal enum BackplaneMessageKind : byte
{
    /// <summary>Drop one key from L1 (it was set or removed elsewhere).</summary>
    Remove = 1,

    /// <summary>Drop everything tagged so (everything for <c>*</c>), and remember the time of the invalidation.</summary>
    InvalidateTag = 2,
}
