using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace HighPerf.Data.DataSets;

public sealed partial class DataSetRegistry
{
    /// <summary>
    /// Writes the whole data set to a new Parquet file in <see cref="ExportDirectory"/>, named
    /// <c>{name}-{yyyyMMddTHHmmssfff}-{8 hex}.parquet</c> (nothing from the request but the validated name goes into it).
    /// </summary>
    /// <param name="name">The data set.</param>
    /// <param name="compression">The Parquet codec.</param>
    /// <param name="cancellationToken">Interrupts the export.</param>
    public async Task<DataSetExportResult> ExportParquetAsync(string name, ParquetCompression compression, CancellationToken cancellationToken = default)
    {
        var definition = await GetDefinitionAsync(name, cancellationToken).ConfigureAwait(false);
        var started = Stopwatch.GetTimestamp();
        var file = string.Create(CultureInfo.InvariantCulture,
            $"{definition.Name}-{DateTime.UtcNow:yyyyMMdd'T'HHmmssfff}-{Guid.NewGuid().ToString("N")[..8]}.parquet");
        var path = Path.Combine(_exportDirectory, file);
        Directory.CreateDirectory(_exportDirectory);
        try
        {
            var rows = await _store.ExportParquetAsync(
                definition,
                $"SELECT {DataSetSql.AllColumns(definition)} FROM {DataSetIdentifiers.Quote(definition.Name)}{DataSetSql.OrderBy(definition, _store.Dialect)}",
                path, compression, cancellationToken).ConfigureAwait(false);
            return new DataSetExportResult(file, path, rows, new FileInfo(path).Length, Stopwatch.GetElapsedTime(started));
        }
        catch (Exception ex) when (_store.IsStoreFailure(ex, out var transient))
        {
            throw StoreFailed("export the rows", ex, transient);
        }
    }

    /// <summary>
    /// The full path of an exported file, for download: the name must look like one this registry writes (no folder
    /// parts, no <c>..</c>) and resolve inside <see cref="ExportDirectory"/>.
    /// </summary>
    /// <param name="fileName">The file's name as <see cref="ExportParquetAsync"/> returned it.</param>
    /// <exception cref="DataSetInvalidDataException">The name is not one of an export (path traversal and the like).</exception>
    /// <exception cref="DataSetRecordNotFoundException">No such export exists.</exception>
    public string ResolveExport(string fileName)
    {
        if (fileName is null || !ExportName().IsMatch(fileName))
        {
            throw new DataSetInvalidDataException("Not the name of an export.");
        }

        var path = Path.GetFullPath(Path.Combine(_exportDirectory, fileName));
        if (!path.StartsWith(_exportDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new DataSetInvalidDataException("Not the name of an export.");
        }

        return File.Exists(path) ? path : throw new DataSetRecordNotFoundException("No export has that name.");
    }

    /// <summary>Parses a codec name of the contract: zstd, snappy, gzip or none.</summary>
    /// <param name="text">The name (<see langword="null"/> or empty: zstd).</param>
    /// <exception cref="DataSetInvalidDataException">Not a codec name.</exception>
    public static ParquetCompression ParseCompression(string? text) => text switch
    {
        null or "" or "zstd" => ParquetCompression.Zstd,
        "snappy" => ParquetCompression.Snappy,
        "gzip" => ParquetCompression.Gzip,
        "none" or "uncompressed" => ParquetCompression.Uncompressed,
        _ => throw new DataSetInvalidDataException("The compression must be zstd, snappy, gzip or none."),
    };

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}-[0-9]{8}T[0-9]{9}-[0-9a-f]{8}\\.parquet$", RegexOptions.CultureInvariant)]
    private static partial Regex ExportName();
}
