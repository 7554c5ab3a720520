namespace HighPerf.Data.Postgres;

/// <summary>A uuid's 16 bytes (network order, as uuid_send writes them) and its 36-character text.</summary>
internal static class PgUuid
{
    private static ReadOnlySpan<byte> Hex => "0123456789abcdef"u8;

    public static void Format(ReadOnlySpan<byte> bytes, Span<byte> text)
    {
        var at = 0;
        for (var i = 0; i < 16; i++)
        {
            if (i is 4 or 6 or 8 or 10)
            {
                text[at++] = (byte)'-';
            }

            text[at++] = Hex[bytes[i] >> 4];
            text[at++] = Hex[bytes[i] & 0xF];
        }
    }

    /// <summary>Parses <c>xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx</c> (either case) or 32 bare hex digits.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, Span<byte> bytes)
    {
        var hyphens = text.Length == 36;
        if (!hyphens && text.Length != 32)
        {
            return false;
        }

        var at = 0;
        for (var i = 0; i < 16; i++)
        {
            if (hyphens && i is 4 or 6 or 8 or 10)
            {
                if (text[at++] != '-')
                {
                    return false;
                }
            }

            var high = Nibble(text[at++]);
            var low = Nibble(text[at++]);
            if ((high | low) < 0)
            {
                return false;
            }

            bytes[i] = (byte)((high << 4) | low);
        }

        return true;
    }

    private static int Nibble(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };
}
