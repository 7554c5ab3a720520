using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;
using HighPerf.Caching.Keys;

namespace HighPerf.Caching;

/// <summary>
/// Builds a <see cref="CacheKey"/> from typed parts with no allocation: each part is written in a
/// stable binary encoding (a type tag, then integers little-endian, strings as UTF-8 with their
/// length, ...; see the package README, "Keys") into a caller-supplied buffer, and the key is XXH3-128 of
/// those bytes. Equal parts give equal keys in every process, on every machine, after every
/// restart; no part goes through <c>ToString()</c> or <c>GetHashCode()</c>.
/// </summary>
/// <example>
/// <code>
/// var builder = new CacheKeyBuilder("user_data", stackalloc byte[128]);
/// builder.Add(userId);
/// builder.Add(region);
/// CacheKey key = builder.ToCacheKey();
/// </code>
/// </example>
public ref partial struct CacheKeyBuilder
{
    /// <summary>The first byte of every built key's encoding; a new format gets a new version.</summary>
    internal const byte FormatVersion = 0x01;

    private const int ShortStringLimit = 127 / 3;

    private readonly string _prefix;
    private Span<byte> _buffer;
    private byte[]? _rented;
    private int _length;

    /// <summary>Starts a key whose printable form begins with <paramref name="prefix"/>; the prefix is also hashed.</summary>
    /// <param name="prefix">Names the family of keys, e.g. <c>user_data</c>; may be empty.</param>
    /// <param name="buffer">Where the encoding is written, normally <c>stackalloc byte[128]</c>; longer keys move to a pooled array.</param>
    public CacheKeyBuilder(string prefix, Span<byte> buffer)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        _prefix = prefix;
        _buffer = buffer;
        _rented = null;
        _length = 0;
        Reserve(1)[0] = FormatVersion;
        Add(prefix);
    }

    /// <summary>
    /// Starts a key from a scope encoded once (its prefix and identity): the fast way for keys built
    /// again and again, such as those of a cached method. Equals the builder started from the same
    /// prefix when the scope has no identity.
    /// </summary>
    /// <param name="scope">The fixed start of the keys, normally a <see langword="static readonly"/> field.</param>
    /// <param name="buffer">Where the encoding is written, normally <c>stackalloc byte[128]</c>; longer keys move to a pooled array.</param>
    public CacheKeyBuilder(CacheKeyScope scope, Span<byte> buffer)
    {
        ArgumentNullException.ThrowIfNull(scope);
        _prefix = scope.Prefix;
        _buffer = buffer;
        _rented = null;
        _length = 0;
        var header = scope.Header;
        header.CopyTo(Reserve(header.Length));
    }

    /// <summary>The encoding written so far (for tests and for checking against other tools).</summary>
    public readonly ReadOnlySpan<byte> WrittenBytes => _buffer[.._length];

    /// <summary>Hashes the parts into the key and returns any pooled buffer; the builder must not be used afterwards.</summary>
    public CacheKey ToCacheKey()
    {
        var key = new CacheKey(XxHash3.Hash128(_buffer[.._length]), _prefix, null);
        Dispose();
        return key;
    }

    /// <summary>Returns a pooled buffer, if the key outgrew the one given; <see cref="ToCacheKey"/> does this itself.</summary>
    public void Dispose()
    {
        if (_rented is { } rented)
        {
            _rented = null;
            _buffer = default;
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>A part that stands for no value (a <see langword="null"/> argument).</summary>
    public void AddNull() => Reserve(1)[0] = (byte)KeyPartTag.Null;

    /// <summary>Adds a string as UTF-8 with its length; <see langword="null"/> adds a null part, so null and "" differ.</summary>
    public void Add(string? value)
    {
        if (value is null)
        {
            AddNull();
            return;
        }

        Add(value.AsSpan());
    }

    /// <summary>Adds characters as a string part (the same bytes as the equal <see cref="string"/>).</summary>
    public void Add(scoped ReadOnlySpan<char> value)
    {
        // Short strings in one pass: ASCII takes one byte per unit; anything else at most three, so
        // the length still fits one varint byte and is written after the bytes. Lone surrogates
        // become U+FFFD either way, as with Encoding.UTF8.
        if (value.Length <= ShortStringLimit)
        {
            var ascii = Reserve(2 + value.Length);
            if (Ascii.FromUtf16(value, ascii[2..], out _) == OperationStatus.Done)
            {
                ascii[0] = (byte)KeyPartTag.String;
                ascii[1] = (byte)value.Length;
                return;
            }

            _length -= 2 + value.Length;
            var span = Reserve(2 + (value.Length * 3));
            Utf8.FromUtf16(value, span[2..], out _, out var written);
            span[0] = (byte)KeyPartTag.String;
            span[1] = (byte)written;
            _length -= (value.Length * 3) - written;
            return;
        }

        var byteCount = Encoding.UTF8.GetByteCount(value);
        WriteHeader(KeyPartTag.String, byteCount);
        Encoding.UTF8.GetBytes(value, Reserve(byteCount));
    }

    /// <summary>Adds a string given as UTF-8 bytes (the same bytes as the equal <see cref="string"/>), e.g. a <c>"..."u8</c> literal.</summary>
    public void AddUtf8(scoped ReadOnlySpan<byte> utf8)
    {
        WriteHeader(KeyPartTag.String, utf8.Length);
        utf8.CopyTo(Reserve(utf8.Length));
    }

    /// <summary>Adds raw bytes with their length; <see langword="null"/> adds a null part.</summary>
    public void Add(byte[]? value)
    {
        if (value is null)
        {
            AddNull();
            return;
        }

        AddBytes(value);
    }

    /// <summary>Adds raw bytes with their length.</summary>
    public void AddBytes(scoped ReadOnlySpan<byte> value)
    {
        WriteHeader(KeyPartTag.Bytes, value.Length);
        value.CopyTo(Reserve(value.Length));
    }

    /// <summary>
    /// Starts a sequence of <paramref name="count"/> parts (the elements of an array or list); add
    /// each element after it. The count keeps <c>[a, b], [c]</c> and <c>[a], [b, c]</c> apart.
    /// </summary>
    public void BeginSequence(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        WriteHeader(KeyPartTag.Sequence, count);
    }

    /// <summary>
    /// Adds a value of a type that supplies its own encoding. Its parts are bracketed so that it
    /// cannot run into the next argument; <see langword="null"/> adds a null part.
    /// </summary>
    public void AddPart<TPart>(TPart? value)
        where TPart : ICacheKeyPart
    {
        if (value is null)
        {
            AddNull();
            return;
        }

        Reserve(1)[0] = (byte)KeyPartTag.PartStart;
        value.WriteKeyParts(ref this);
        Reserve(1)[0] = (byte)KeyPartTag.PartEnd;
    }

    private void WriteHeader(KeyPartTag tag, int length)
    {
        var span = Reserve(1 + Varint.MaxLength);
        span[0] = (byte)tag;
        _length -= Varint.MaxLength - Varint.Write(span[1..], length);
    }

    /// <summary>The next <paramref name="count"/> bytes of the buffer, counted as written; grows into a pooled array when full.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Span<byte> Reserve(int count)
    {
        if (_buffer.Length - _length < count)
        {
            Grow(count);
        }

        var span = _buffer.Slice(_length, count);
        _length += count;
        return span;
    }

    private void Grow(int count)
    {
        var next = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, Math.Max(256, _length + count)));
        _buffer[.._length].CopyTo(next);
        if (_rented is { } old)
        {
            ArrayPool<byte>.Shared.Return(old);
        }

        _rented = next;
        _buffer = next;
    }
}
