using System.Buffers;
using HighPerf.Compression.Native;

namespace HighPerf.Compression;

/// <summary>
/// One-shot Zstandard compression and decompression over spans, on pooled native contexts.
/// Every method is thread-safe. For data that arrives in pieces use <see cref="ZstdStream"/>.
/// </summary>
public static class Zstd
{
    /// <summary>The level used when none is given: 3, zstd's own default.</summary>
    public const int DefaultLevel = 3;

    /// <summary>The fastest (most negative) level this libzstd accepts, e.g. -131072.</summary>
    public static int MinLevel => NativeMethods.MinCLevel();

    /// <summary>The strongest level this libzstd accepts (22).</summary>
    public static int MaxLevel => NativeMethods.MaxCLevel();

    /// <summary>The version of the loaded libzstd, e.g. 1.5.4.</summary>
    public static Version LibraryVersion
    {
        get
        {
            var v = NativeMethods.VersionNumber();
            return new Version((int)(v / 10000), (int)(v / 100 % 100), (int)(v % 100));
        }
    }

    private const long PlausibleUpfrontLength = 16 * 1024 * 1024;
    private const long PlausibleRatio = 1024;

    /// <summary>The largest size <paramref name="length"/> bytes can compress to (<c>ZSTD_compressBound</c>).</summary>
    /// <param name="length">The uncompressed length in bytes.</param>
    public static int GetMaxCompressedLength(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var bound = NativeMethods.CompressBound((nuint)length);
        return bound > int.MaxValue ? throw new ArgumentOutOfRangeException(nameof(length)) : (int)bound;
    }

    /// <summary>Compresses <paramref name="source"/> into one zstd frame, returning the compressed bytes.</summary>
    /// <param name="source">The bytes to compress.</param>
    /// <param name="level">From <see cref="MinLevel"/> (fastest) to <see cref="MaxLevel"/> (smallest); 0 means <see cref="DefaultLevel"/>.</param>
    /// <param name="dictionary">A dictionary both sides share, or <see langword="null"/>.</param>
    public static byte[] Compress(ReadOnlySpan<byte> source, int level = DefaultLevel, ZstdDictionary? dictionary = null)
    {
        var bound = GetMaxCompressedLength(source.Length);
        var rented = ArrayPool<byte>.Shared.Rent(bound);
        try
        {
            var written = Compress(source, rented, level, dictionary);
            return rented.AsSpan(0, written).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Compresses <paramref name="source"/> into <paramref name="destination"/> as one zstd frame.
    /// A destination of <see cref="GetMaxCompressedLength"/> bytes always suffices.
    /// </summary>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="ZstdException">The destination is too small (<see cref="ZstdErrorKind.DestinationTooSmall"/>) or the level is invalid.</exception>
    public static int Compress(ReadOnlySpan<byte> source, Span<byte> destination, int level = DefaultLevel, ZstdDictionary? dictionary = null)
    {
        if (!TryCompress(source, destination, out var written, level, dictionary))
        {
            ZstdException.ThrowDestinationTooSmall();
        }

        return written;
    }

    /// <summary>Compresses <paramref name="source"/> into <paramref name="destination"/>; <see langword="false"/> when it does not fit.</summary>
    public static unsafe bool TryCompress(ReadOnlySpan<byte> source, Span<byte> destination, out int bytesWritten, int level = DefaultLevel, ZstdDictionary? dictionary = null)
    {
        var cctx = ZstdContexts.Compressors.Rent();
        try
        {
            nuint rc;
            fixed (byte* src = source)
            fixed (byte* dst = destination)
            {
                rc = dictionary is null
                    ? NativeMethods.CompressCCtx(cctx, dst, (nuint)destination.Length, src, (nuint)source.Length, level)
                    : NativeMethods.CompressUsingCDict(cctx, dst, (nuint)destination.Length, src, (nuint)source.Length, dictionary.GetCompressionDictionary(level));
            }

            var done = Complete(rc, out bytesWritten);
            CompressionTelemetry.Record(compress: true, source.Length, bytesWritten);
            return done;
        }
        finally
        {
            ZstdContexts.Compressors.Return(cctx);
        }
    }

    /// <summary>Decompresses every frame in <paramref name="source"/> into <paramref name="destination"/>.</summary>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="ZstdException">The data is corrupt or truncated, the dictionary is wrong, or the destination is too small.</exception>
    public static int Decompress(ReadOnlySpan<byte> source, Span<byte> destination, ZstdDictionary? dictionary = null)
    {
        if (!TryDecompress(source, destination, out var written, dictionary))
        {
            ZstdException.ThrowDestinationTooSmall();
        }

        return written;
    }

    /// <summary>
    /// Decompresses into <paramref name="destination"/>; <see langword="false"/> when it does not fit.
    /// Damaged input still throws.
    /// </summary>
    public static unsafe bool TryDecompress(ReadOnlySpan<byte> source, Span<byte> destination, out int bytesWritten, ZstdDictionary? dictionary = null)
    {
        var dctx = ZstdContexts.Decompressors.Rent();
        try
        {
            nuint rc;
            fixed (byte* src = source)
            fixed (byte* dst = destination)
            {
                rc = dictionary is null
                    ? NativeMethods.DecompressDCtx(dctx, dst, (nuint)destination.Length, src, (nuint)source.Length)
                    : NativeMethods.DecompressUsingDDict(dctx, dst, (nuint)destination.Length, src, (nuint)source.Length, dictionary.GetDecompressionDictionary());
            }

            var done = Complete(rc, out bytesWritten);
            CompressionTelemetry.Record(compress: false, bytesWritten, source.Length);
            return done;
        }
        finally
        {
            ZstdContexts.Decompressors.Return(dctx);
        }
    }

    /// <summary>Decompresses every frame in <paramref name="source"/>, whether or not the frames record their size.</summary>
    /// <param name="source">One or more zstd frames.</param>
    /// <param name="maxLength">The largest result accepted, in bytes; past it a <see cref="ZstdException"/> of kind <see cref="ZstdErrorKind.SizeLimitExceeded"/> is thrown. Defaults to <see cref="Array.MaxLength"/>.</param>
    /// <param name="dictionary">The dictionary the data was compressed with, or <see langword="null"/>.</param>
    public static byte[] Decompress(ReadOnlySpan<byte> source, int maxLength = int.MaxValue, ZstdDictionary? dictionary = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
        maxLength = Math.Min(maxLength, Array.MaxLength);

        var declared = GetDecompressedLength(source);
        if (declared is { } size)
        {
            if (size > maxLength)
            {
                ZstdException.ThrowSizeLimit(maxLength);
            }

            // The header is the sender's claim: allocate it up front only when it is plausible for the
            // input's size, so a few crafted bytes cannot demand gigabytes; otherwise grow as data arrives.
            if (size > Math.Max(PlausibleUpfrontLength, (long)source.Length * PlausibleRatio))
            {
                return DecompressUnsized(source, maxLength, dictionary);
            }

            // The first frame's size is exact for a single frame; concatenated frames fall through to streaming.
            var exact = new byte[(int)size];
            if (TryDecompress(source, exact, out var written, dictionary) && written == exact.Length)
            {
                return exact;
            }
        }

        return DecompressUnsized(source, maxLength, dictionary);
    }

    /// <summary>
    /// The decompressed size the first frame of <paramref name="source"/> records, or <see langword="null"/>
    /// when the frame does not record it (frames written by streaming).
    /// </summary>
    /// <exception cref="ZstdException">The data does not start with a valid zstd frame header.</exception>
    public static unsafe long? GetDecompressedLength(ReadOnlySpan<byte> source)
    {
        ulong size;
        fixed (byte* src = source)
        {
            size = NativeMethods.GetFrameContentSize(src, (nuint)source.Length);
        }

        return size switch
        {
            NativeMethods.ContentSizeUnknown => null,
            NativeMethods.ContentSizeError => throw new ZstdException(ZstdErrorKind.CorruptData, "zstd: the data does not start with a valid zstd frame header."),
            > long.MaxValue => throw new ZstdException(ZstdErrorKind.CorruptData, "zstd: the frame header records an impossible size."),
            _ => (long)size,
        };
    }

    /// <summary>Streams frames that do not record their size (or several frames) into a growing pooled buffer.</summary>
    private static unsafe byte[] DecompressUnsized(ReadOnlySpan<byte> source, int maxLength, ZstdDictionary? dictionary)
    {
        var dctx = ZstdStream.RentDecompressor(dictionary, windowLog: null);
        var output = ArrayPool<byte>.Shared.Rent((int)Math.Min(Math.Max(4096L, source.Length * 4L), maxLength + 1L));
        try
        {
            var length = 0;
            nuint hint;
            fixed (byte* src = source)
            {
                var input = new InBuffer { Src = src, Size = (nuint)source.Length };
                bool outputBound;
                do
                {
                    if (length == output.Length)
                    {
                        var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(output.Length * 2L, maxLength + 1L));
                        output.AsSpan(0, length).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(output);
                        output = larger;
                    }

                    fixed (byte* dst = output)
                    {
                        var outBuffer = new OutBuffer { Dst = dst + length, Size = (nuint)(output.Length - length) };
                        hint = ZstdException.ThrowIfError(NativeMethods.DecompressStream(dctx, &outBuffer, &input));
                        length += (int)outBuffer.Pos;
                        outputBound = outBuffer.Pos == outBuffer.Size;
                    }

                    if (length > maxLength)
                    {
                        ZstdException.ThrowSizeLimit(maxLength);
                    }
                }
                while (outputBound || input.Pos < input.Size);
            }

            if (hint != 0)
            {
                ZstdException.ThrowTruncated();
            }

            CompressionTelemetry.Record(compress: false, length, source.Length);

            return output.AsSpan(0, length).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(output);
            ZstdContexts.Decompressors.Return(dctx);
        }
    }

    private static bool Complete(nuint rc, out int bytesWritten)
    {
        if (NativeMethods.IsError(rc) != 0)
        {
            var error = (ZstdErrorCode)NativeMethods.GetErrorCode(rc);
            if (error == ZstdErrorCode.DstSizeTooSmall)
            {
                bytesWritten = 0;
                return false;
            }

            ZstdException.ThrowNative(rc);
        }

        bytesWritten = (int)rc;
        return true;
    }
}
