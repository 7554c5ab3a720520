using System.Buffers;
using System.IO.Compression;
using HighPerf.Compression.Native;

namespace HighPerf.Compression;

/// <summary>
/// A <see cref="Stream"/> that compresses what is written to it into zstd frames, or decompresses
/// zstd data read from another stream, in the shape of <see cref="GZipStream"/>.
/// </summary>
/// <remarks>
/// <para>Compression: <see cref="Flush"/> ends the current block so that everything written so far can be
/// decoded by the peer (what HTTP streaming needs) without ending the frame; disposing ends the frame.
/// Decompression: concatenated frames are read as one stream; input that ends inside a frame throws
/// <see cref="ZstdException"/> of kind <see cref="ZstdErrorKind.TruncatedData"/>.</para>
/// <para>Native contexts and buffers are pooled and returned on dispose. Not thread-safe.</para>
/// </remarks>
public sealed partial class ZstdStream : Stream
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly long _maxDecompressedLength;
    private SafeCCtxHandle? _cctx;
    private SafeDCtxHandle? _dctx;
    private byte[]? _buffer;
    private int _inputStart;
    private int _inputEnd;
    private long _totalIn;
    private long _totalOut;
    private bool _frameOpen;
    private bool _needsDrain;
    private bool _endOfInput;

    /// <summary>Compresses (at level 3) or decompresses <paramref name="stream"/>.</summary>
    /// <param name="stream">The stream to write compressed data to, or read it from.</param>
    /// <param name="mode">Whether to compress or decompress.</param>
    /// <param name="leaveOpen">Whether disposing this stream leaves <paramref name="stream"/> open.</param>
    public ZstdStream(Stream stream, CompressionMode mode, bool leaveOpen = false)
        : this(stream, mode, s_defaults, leaveOpen)
    {
    }

    /// <summary>Compresses into <paramref name="stream"/> at a zstd level (negative levels are the fast ones).</summary>
    /// <param name="stream">The stream to write compressed data to.</param>
    /// <param name="level">From <see cref="Zstd.MinLevel"/> to <see cref="Zstd.MaxLevel"/>.</param>
    /// <param name="leaveOpen">Whether disposing this stream leaves <paramref name="stream"/> open.</param>
    public ZstdStream(Stream stream, int level, bool leaveOpen = false)
        : this(stream, CompressionMode.Compress, new ZstdStreamOptions { Level = level }, leaveOpen)
    {
    }

    /// <summary>Compresses into <paramref name="stream"/> at a framework level (Fastest 1, Optimal 3, SmallestSize 19, NoCompression the fastest negative level).</summary>
    /// <param name="stream">The stream to write compressed data to.</param>
    /// <param name="level">The framework's level.</param>
    /// <param name="leaveOpen">Whether disposing this stream leaves <paramref name="stream"/> open.</param>
    public ZstdStream(Stream stream, CompressionLevel level, bool leaveOpen = false)
        : this(stream, MapLevel(level), leaveOpen)
    {
    }

    /// <summary>Compresses or decompresses <paramref name="stream"/> with explicit options.</summary>
    /// <param name="stream">The stream to write compressed data to, or read it from.</param>
    /// <param name="mode">Whether to compress or decompress.</param>
    /// <param name="options">Level, dictionary, window and size limits.</param>
    /// <param name="leaveOpen">Whether disposing this stream leaves <paramref name="stream"/> open.</param>
    public ZstdStream(Stream stream, CompressionMode mode, ZstdStreamOptions options, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(options);
        _stream = stream;
        _leaveOpen = leaveOpen;
        _maxDecompressedLength = options.MaxDecompressedLength ?? long.MaxValue;
        ArgumentOutOfRangeException.ThrowIfNegative(_maxDecompressedLength, nameof(options));

        if (mode == CompressionMode.Compress)
        {
            if (!stream.CanWrite)
            {
                throw new ArgumentException("The stream to compress into must be writable.", nameof(stream));
            }

            _cctx = RentCompressor(options);
            _buffer = ArrayPool<byte>.Shared.Rent((int)NativeMethods.CStreamOutSize());
        }
        else if (mode == CompressionMode.Decompress)
        {
            if (!stream.CanRead)
            {
                throw new ArgumentException("The stream to decompress from must be readable.", nameof(stream));
            }

            _dctx = RentDecompressor(options.Dictionary, options.WindowLog);
            _buffer = ArrayPool<byte>.Shared.Rent((int)NativeMethods.DStreamInSize());
        }
        else
        {
            throw new ArgumentOutOfRangeException(nameof(mode));
        }
    }

    private static readonly ZstdStreamOptions s_defaults = new();

    /// <summary>The stream this one reads from or writes to.</summary>
    public Stream BaseStream => _stream;

    /// <inheritdoc />
    public override bool CanRead => _dctx is not null;

    /// <inheritdoc />
    public override bool CanWrite => _cctx is not null;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    private static int MapLevel(CompressionLevel level) => level switch
    {
        CompressionLevel.Optimal => Zstd.DefaultLevel,
        CompressionLevel.Fastest => 1,
        CompressionLevel.NoCompression => Zstd.MinLevel,
        CompressionLevel.SmallestSize => 19,
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };

    private static SafeCCtxHandle RentCompressor(ZstdStreamOptions options)
    {
        var cctx = ZstdContexts.Compressors.Rent();
        try
        {
            ZstdException.ThrowIfError(NativeMethods.CCtxSetParameter(cctx, CParameter.CompressionLevel, options.Level));
            if (options.Checksum)
            {
                ZstdException.ThrowIfError(NativeMethods.CCtxSetParameter(cctx, CParameter.ChecksumFlag, 1));
            }

            if (options.WindowLog is { } windowLog)
            {
                ZstdException.ThrowIfError(NativeMethods.CCtxSetParameter(cctx, CParameter.WindowLog, windowLog));
            }

            if (options.Dictionary is { } dictionary)
            {
                ZstdException.ThrowIfError(NativeMethods.CCtxRefCDict(cctx, dictionary.GetCompressionDictionary(options.Level)));
            }

            return cctx;
        }
        catch
        {
            ZstdContexts.Compressors.Return(cctx);
            throw;
        }
    }

    internal static SafeDCtxHandle RentDecompressor(ZstdDictionary? dictionary, int? windowLog)
    {
        var dctx = ZstdContexts.Decompressors.Rent();
        try
        {
            if (windowLog is { } log)
            {
                ZstdException.ThrowIfError(NativeMethods.DCtxSetParameter(dctx, DParameter.WindowLogMax, log));
            }

            if (dictionary is not null)
            {
                ZstdException.ThrowIfError(NativeMethods.DCtxRefDDict(dctx, dictionary.GetDecompressionDictionary()));
            }

            return dctx;
        }
        catch
        {
            ZstdContexts.Decompressors.Return(dctx);
            throw;
        }
    }
}
