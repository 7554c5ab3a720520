using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Text;
using HighPerf.Caching.Keys;

namespace HighPerf.Caching;

/// <summary>
/// A cache key: a 128-bit XXH3 hash, which identifies the entry in process and on the
/// invalidation backplane, and a printable form, which is the key in the distributed cache.
/// Keys built by <see cref="CacheKeyBuilder"/> print as <c>prefix:</c> followed by the hash in
/// 22 characters of unpadded base64url; a string key (<see cref="FromString"/>) prints as itself.
/// Two keys are equal when their hashes are.
/// </summary>
public readonly struct CacheKey : IEquatable<CacheKey>
{
    private const int StackLimit = 512;

    private readonly string? _text;
    private readonly string? _prefix;

    internal CacheKey(UInt128 hash, string? prefix, string? text)
    {
        Hash = hash;
        _prefix = prefix;
        _text = text;
    }

    /// <summary>The XXH3-128 hash of the key's encoding; as a 32-digit hex number it equals <c>xxhsum -H2</c> of the same bytes.</summary>
    public UInt128 Hash { get; }

    /// <summary>Whether this is the default value, which no store accepts.</summary>
    public bool IsDefault => _text is null && _prefix is null;

    /// <summary>
    /// A key for a string chosen by the caller: its hash is XXH3-128 of the string's UTF-8 bytes
    /// (so <c>printf %s "$key" | xxhsum -H2</c> gives it), and the distributed cache stores the
    /// entry under the string itself.
    /// </summary>
    /// <param name="key">The key; not empty.</param>
    /// <exception cref="ArgumentException"><paramref name="key"/> is empty.</exception>
    public static CacheKey FromString(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var length = Encoding.UTF8.GetMaxByteCount(key.Length);
        byte[]? rented = null;
        var buffer = length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(length));
        var written = Encoding.UTF8.GetBytes(key, buffer);
        var hash = XxHash3.Hash128(buffer[..written]);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return new CacheKey(hash, null, key);
    }

    /// <summary>The same as <see cref="FromString"/>.</summary>
    /// <param name="key">The key; not empty.</param>
    public static implicit operator CacheKey(string key) => FromString(key);

    /// <summary>The key under which the distributed cache stores the entry.</summary>
    public override string ToString()
    {
        if (_text is not null)
        {
            return _text;
        }

        Span<byte> canonical = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(canonical, Hash);
        Span<char> encoded = stackalloc char[22];
        Base64Url.EncodeToChars(canonical, encoded);
        return string.IsNullOrEmpty(_prefix) ? new string(encoded) : string.Concat(_prefix, ":", encoded);
    }

    /// <inheritdoc />
    public bool Equals(CacheKey other) => Hash == other.Hash;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is CacheKey other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => (int)(ulong)Hash;

    /// <summary>Whether two keys have the same hash.</summary>
    public static bool operator ==(CacheKey left, CacheKey right) => left.Equals(right);

    /// <summary>Whether two keys have different hashes.</summary>
    public static bool operator !=(CacheKey left, CacheKey right) => !left.Equals(right);
}
