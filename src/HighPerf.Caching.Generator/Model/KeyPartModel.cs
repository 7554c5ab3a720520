namespace HighPerf.Caching.Generator.Model;

/// <summary>Which <c>CacheKeyBuilder</c> call writes a value.</summary>
internal enum KeyPartKind
{
    /// <summary><c>Add(value)</c>: the built-in encodings (integers, strings, dates, <c>byte[]</c>, ...).</summary>
    Add,

    /// <summary><c>AddEnum(value)</c>.</summary>
    Enum,

    /// <summary><c>AddPart(value)</c>: the type implements <c>ICacheKeyPart</c>.</summary>
    Part,

    /// <summary><c>Add((long)value)</c>: <c>nint</c>, whose width depends on the platform.</summary>
    NativeInt,

    /// <summary><c>Add((ulong)value)</c>: <c>nuint</c>.</summary>
    NativeUInt,

    /// <summary><c>AddBytes(value.Span)</c>: <c>Memory&lt;byte&gt;</c>, <c>ReadOnlyMemory&lt;byte&gt;</c>.</summary>
    ByteMemory,

    /// <summary><c>Add(value.Span)</c>: <c>Memory&lt;char&gt;</c>, <c>ReadOnlyMemory&lt;char&gt;</c>.</summary>
    CharMemory,

    /// <summary><c>Nullable&lt;T&gt;</c>: the element's encoding, or <c>AddNull()</c>.</summary>
    Nullable,

    /// <summary>An array: <c>BeginSequence(Length)</c>, then each element.</summary>
    Array,

    /// <summary>A list with <c>Count</c> and an indexer (<c>IReadOnlyList&lt;T&gt;</c>, <c>IList&lt;T&gt;</c>, <c>List&lt;T&gt;</c>).</summary>
    List,

    /// <summary>Any other <c>IEnumerable&lt;T&gt;</c>: counted (without enumerating when it can be), then enumerated.</summary>
    Enumerable,
}

/// <summary>How one value is written into the key; sequences and nullables carry their element's.</summary>
internal sealed record KeyPartModel(KeyPartKind Kind, KeyPartModel? Element);
