using System.Text;
using HighPerf.Caching.Keys;

namespace HighPerf.Caching;

/// <summary>
/// The fixed start of a family of keys, encoded once: the prefix (how the keys print) and,
/// optionally, the identity of what computes the values (a method's full signature, say), which
/// enters every key as its XXH3-128 digest. Keep one in a <see langword="static readonly"/> field
/// and start each key from it, so that only the arguments are encoded per call.
/// </summary>
/// <example>
/// <code>
/// private static readonly CacheKeyScope s_scope = new("user_data", "MyApp.UserService.GetProfileAsync(long, string)");
/// ...
/// var builder = new CacheKeyBuilder(s_scope, stackalloc byte[128]);
/// builder.Add(userId);
/// builder.Add(region);
/// var key = builder.ToCacheKey();
/// </code>
/// </example>
public sealed class CacheKeyScope
{
    private readonly byte[] _header;

    /// <summary>Encodes the start of the keys.</summary>
    /// <param name="prefix">Names the family of keys, e.g. <c>user_data</c>; may be empty.</param>
    /// <param name="identity">What computes the values, so two methods with one prefix never share keys; <see langword="null"/> for none.</param>
    public CacheKeyScope(string prefix, string? identity = null)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        Prefix = prefix;
        Identity = identity;
        var prefixBytes = Encoding.UTF8.GetBytes(prefix);
        var length = 1 + 1 + Varint.Length(prefixBytes.Length) + prefixBytes.Length + (identity is null ? 0 : 17);
        _header = new byte[length];
        _header[0] = CacheKeyBuilder.FormatVersion;
        _header[1] = (byte)KeyPartTag.String;
        var offset = 2 + Varint.Write(_header.AsSpan(2), prefixBytes.Length);
        prefixBytes.CopyTo(_header, offset);
        offset += prefixBytes.Length;
        if (identity is not null)
        {
            _header[offset] = (byte)KeyPartTag.Scope;
            System.Buffers.Binary.BinaryPrimitives.WriteUInt128BigEndian(_header.AsSpan(offset + 1), XxHash3.Hash128(Encoding.UTF8.GetBytes(identity)));
        }
    }

    /// <summary>The prefix of the keys' printable form.</summary>
    public string Prefix { get; }

    /// <summary>The identity given, if any.</summary>
    public string? Identity { get; }

    /// <summary>The encoded start of every key of this scope.</summary>
    internal ReadOnlySpan<byte> Header => _header;
}
