using System.Runtime.InteropServices;
using HighPerf.Compression.Native;

namespace HighPerf.Compression;

/// <summary>
/// A zstd dictionary: many small, similar payloads (JSON documents, cache values) compress far
/// better when both sides share one. Train it from samples or load one made by <c>zstd --train</c>.
/// The digested native forms are built once (per level for compression) and shared; the instance is
/// thread-safe and must outlive every stream and call that uses it.
/// </summary>
public sealed class ZstdDictionary : IDisposable
{
    /// <summary>zstd's own default maximum dictionary size (110 KiB).</summary>
    public const int DefaultMaxSize = 112_640;

    private readonly byte[] _content;
    private readonly Lock _gate = new();
    private readonly Dictionary<int, SafeCDictHandle> _compression = [];
    private SafeDDictHandle? _decompression;
    private bool _disposed;

    /// <summary>Wraps dictionary bytes (a trained dictionary, or raw content to use as a prefix).</summary>
    /// <param name="content">The dictionary; copied.</param>
    public unsafe ZstdDictionary(ReadOnlySpan<byte> content)
    {
        if (content.IsEmpty)
        {
            throw new ArgumentException("A dictionary cannot be empty.", nameof(content));
        }

        _content = content.ToArray();
        fixed (byte* p = _content)
        {
            Id = NativeMethods.GetDictId(p, (nuint)_content.Length);
        }
    }

    /// <summary>The dictionary bytes, to store or send to the other side.</summary>
    public ReadOnlyMemory<byte> Content => _content;

    /// <summary>The dictionary id written into frames, or 0 for raw content.</summary>
    public uint Id { get; }

    /// <summary>Trains a dictionary from sample payloads (<c>ZDICT_trainFromBuffer</c>).</summary>
    /// <param name="samples">Representative payloads; zstd wants at least a few dozen and ~100x the dictionary size in total.</param>
    /// <param name="maxSize">The largest dictionary to produce, in bytes (default 110 KiB).</param>
    /// <exception cref="ZstdException">Training failed, usually for too few or too small samples (<see cref="ZstdErrorKind.Dictionary"/>).</exception>
    public static unsafe ZstdDictionary Train(IReadOnlyList<ReadOnlyMemory<byte>> samples, int maxSize = DefaultMaxSize)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSize, 256);

        long total = 0;
        for (var i = 0; i < samples.Count; i++)
        {
            total += samples[i].Length;
        }

        if (total > Array.MaxLength)
        {
            throw new ArgumentException("The samples are larger than one buffer can hold.", nameof(samples));
        }

        var joined = new byte[total];
        var sizes = new nuint[samples.Count];
        var offset = 0;
        for (var i = 0; i < samples.Count; i++)
        {
            samples[i].Span.CopyTo(joined.AsSpan(offset));
            sizes[i] = (nuint)samples[i].Length;
            offset += samples[i].Length;
        }

        var dictionary = new byte[maxSize];
        nuint rc;
        fixed (byte* d = dictionary)
        fixed (byte* s = joined)
        fixed (nuint* z = sizes)
        {
            rc = NativeMethods.TrainFromBuffer(d, (nuint)dictionary.Length, s, z, (uint)sizes.Length);
        }

        if (NativeMethods.DictIsError(rc) != 0)
        {
            var reason = Marshal.PtrToStringUTF8(NativeMethods.DictGetErrorName(rc));
            throw new ZstdException(ZstdErrorKind.Dictionary, $"zstd: dictionary training failed ({reason}); give more or larger samples.");
        }

        return new ZstdDictionary(dictionary.AsSpan(0, (int)rc));
    }

    /// <summary>Frees the digested native dictionaries.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var handle in _compression.Values)
            {
                handle.Dispose();
            }

            _compression.Clear();
            _decompression?.Dispose();
            _decompression = null;
        }
    }

    internal SafeCDictHandle GetCompressionDictionary(int level)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_compression.TryGetValue(level, out var handle))
            {
                handle = SafeCDictHandle.Create(_content, level);
                _compression.Add(level, handle);
            }

            return handle;
        }
    }

    internal SafeDDictHandle GetDecompressionDictionary()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _decompression ??= SafeDDictHandle.Create(_content);
        }
    }
}
