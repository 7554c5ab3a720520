namespace HighPerf.Data.Arrow;

/// <summary>What went wrong in an <see cref="ArrowFormatException"/>.</summary>
public enum ArrowErrorKind
{
    /// <summary>The data breaks a rule of the Arrow format (bad lengths, offsets out of range, a damaged FlatBuffer).</summary>
    InvalidData = 0,

    /// <summary>The input ended in the middle of a message.</summary>
    Truncated,

    /// <summary>The data uses an Arrow type this implementation does not support (e.g. a list or a union).</summary>
    UnsupportedType,

    /// <summary>The data uses an Arrow feature this implementation does not support (dictionaries, big endian, LZ4 bodies).</summary>
    UnsupportedFeature,

    /// <summary>A compressed body buffer could not be decompressed, or decompressed to the wrong size.</summary>
    Compression,

    /// <summary>A message or size exceeds a configured limit (metadata size, body size).</summary>
    LimitExceeded,

    /// <summary>A record batch does not match its schema (column count, types, lengths).</summary>
    SchemaMismatch,

    /// <summary>The producer behind a C Data Interface stream reported an error.</summary>
    ProducerError,
}
