namespace HighPerf.Caching.Keys;

/// <summary>
/// The first byte of every encoded key part: it says how the bytes after it are to be read, so that
/// parts of different types never encode alike. These values are part of the key format
/// (the package README, "Keys"); changing one changes every key built with it.
/// </summary>
internal enum KeyPartTag : byte
{
    Null = 0x00,
    False = 0x01,
    True = 0x02,

    SByte = 0x10,
    Byte = 0x11,
    Int16 = 0x12,
    UInt16 = 0x13,
    Int32 = 0x14,
    UInt32 = 0x15,
    Int64 = 0x16,
    UInt64 = 0x17,
    Int128 = 0x18,
    UInt128 = 0x19,
    Char = 0x1A,

    Half = 0x20,
    Single = 0x21,
    Double = 0x22,
    Decimal = 0x23,

    String = 0x30,
    Bytes = 0x31,

    /// <summary>A scope's identity: its XXH3-128 digest, 16 bytes big-endian, no length.</summary>
    Scope = 0x32,

    Guid = 0x40,
    DateTime = 0x41,
    DateTimeOffset = 0x42,
    TimeSpan = 0x43,
    DateOnly = 0x44,
    TimeOnly = 0x45,

    Enum = 0x50,

    Sequence = 0x60,
    PartStart = 0x70,
    PartEnd = 0x71,
}
