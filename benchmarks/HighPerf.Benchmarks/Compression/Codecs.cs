using System.IO.Compression;

namespace HighPerf.Benchmarks.Compression;

/// <summary>The framework codecs the zstd numbers are compared with, written once for both suites.</summary>
internal static class Codecs
{
    /// <summary>
    /// The quality <c>BrotliStream</c> uses for <see cref="CompressionLevel.Optimal"/> (since .NET 7;
    /// it was 11 before): the one-shot encoder needs it spelled out.
    /// </summary>
    public const int BrotliOptimalQuality = 4;

    /// <summary>The window (log2 bytes) <c>BrotliStream</c> and the parameterless encoder use.</summary>
    public const int BrotliDefaultWindow = 22;

    /// <summary>GZip-compresses <paramref name="source"/> into <paramref name="output"/>, replacing its content; returns the compressed length.</summary>
    public static int GZip(ReadOnlySpan<byte> source, MemoryStream output, CompressionLevel level)
    {
        // SetLength(0) keeps the capacity, so a reused stream does not allocate again.
        output.SetLength(0);
        using (var gzip = new GZipStream(output, level, leaveOpen: true))
        {
            gzip.Write(source);
        }

        return (int)output.Length;
    }

    /// <summary>Brotli-compresses at <c>CompressionLevel.Optimal</c>'s quality in one shot; returns the compressed length.</summary>
    public static int Brotli(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (!BrotliEncoder.TryCompress(source, destination, out var written, BrotliOptimalQuality, BrotliDefaultWindow))
        {
            throw new InvalidOperationException("Brotli: the destination buffer is too small.");
        }

        return written;
    }

    /// <summary>Decompresses a whole gzip member into <paramref name="destination"/>; returns the decompressed length.</summary>
    public static int GUnzip(MemoryStream compressed, Span<byte> destination)
    {
        compressed.Position = 0;
        using var gzip = new GZipStream(compressed, CompressionMode.Decompress, leaveOpen: true);

        // Read until the stream ends rather than until the buffer is full, so the trailer (CRC and
        // length) is read and checked like a real consumer would.
        var total = 0;
        int read;
        while ((read = gzip.Read(destination[total..])) > 0)
        {
            total += read;
        }

        return total;
    }

    /// <summary>Decompresses Brotli data in one shot; returns the decompressed length.</summary>
    public static int Unbrotli(ReadOnlySpan<byte> compressed, Span<byte> destination)
    {
        if (!BrotliDecoder.TryDecompress(compressed, destination, out var written))
        {
            throw new InvalidOperationException("Brotli: the data is damaged or the destination buffer is too small.");
        }

        return written;
    }
}
