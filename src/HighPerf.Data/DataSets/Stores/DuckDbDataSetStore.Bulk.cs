using System.IO.Pipelines;
using HighPerf.Data.Arrow;
using HighPerf.Data.DataSets.Bulk;
using HighPerf.Data.DataSets.Json;
using HighPerf.Data.DuckDb;

namespace HighPerf.Data.DataSets.Stores;

internal sealed partial class DuckDbDataSetStore
{
    /// <summary>The body parsed whole into numbered Arrow batches, then one INSERT ... SELECT over them (atomic by itself).</summary>
    internal override async Task<long> InsertJsonAsync(DataSetDefinition definition, PipeReader body, DataSetOptions options, CancellationToken cancellationToken)
    {
        using var parser = new JsonRecordParser(definition, options.BatchRows, options.MaxBulkRows);
        while (await parser.FeedAsync(body, cancellationToken).ConfigureAwait(false))
        {
        }

        if (!parser.IsComplete)
        {
            throw new DataSetInvalidDataException($"The body ends inside the array (at record {parser.Rows}).", parser.Rows);
        }

        var batches = parser.TakeBatches();
        try
        {
            return await InsertStagedAsync(definition, parser.Schema, batches, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            DisposeAll(batches);
        }
    }

    internal override async Task<long> InsertArrowAsync(DataSetDefinition definition, ArrowBodyReader body, CancellationToken cancellationToken)
    {
        var batches = new List<RecordBatch>();
        try
        {
            while (await body.ReadNumberedAsync(cancellationToken).ConfigureAwait(false) is { } batch)
            {
                batches.Add(batch);
            }

            return await InsertStagedAsync(definition, body.Numbered, batches, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            DisposeAll(batches);
        }
    }

    /// <summary>
    /// One INSERT ... SELECT over the staged batches, by DuckDB on all its threads (atomic in its transaction); a key
    /// violation is traced to its record afterwards, over the same batches registered as a table.
    /// </summary>
    private async Task<long> InsertStagedAsync(DataSetDefinition definition, Schema schema, List<RecordBatch> batches, CancellationToken cancellationToken)
    {
        if (batches.Count == 0)
        {
            return 0;
        }

        var columns = new List<string>(schema.Fields.Count - 1);
        for (var i = 0; i < schema.Fields.Count - 1; i++)
        {
            columns.Add(schema.Fields[i].Name);
        }

        var list = DataSetSql.Columns(columns);
        using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var inserted = connection.InsertArrow(DataSetIdentifiers.Quote(definition.Name), list, schema, batches, cancellationToken);
            DataTelemetry.RecordAppended(inserted);
            return inserted;
        }
        catch (DuckDbException ex) when (ex.Kind == DuckDbErrorKind.Constraint)
        {
            long? row = null;
            try
            {
                var stage = "highperf_stage_" + Guid.NewGuid().ToString("N");
                using var staged = _database.RegisterArrowTable(stage, schema, batches, ownsBatches: false);
                row = connection.ExecuteScalar<long?>(DataSetSql.FirstDuplicate(definition, $"{ArrowTables.FunctionName}('{stage}')"), cancellationToken);
            }
            catch (DuckDbException)
            {
                // The record stays unnamed; the violation itself is what matters.
            }

            throw new DataSetDuplicateRecordException(
                row is { } r ? $"Record {r} repeats a primary key or unique value; nothing was stored." : "A primary key or unique value is repeated; nothing was stored.",
                row, ex);
        }
        catch (DuckDbException ex) when (ex.Kind is DuckDbErrorKind.Conversion or DuckDbErrorKind.InvalidInput)
        {
            throw new DataSetInvalidDataException("A value does not fit its column; nothing was stored.", innerException: ex);
        }
    }

    private static void DisposeAll(List<RecordBatch> batches)
    {
        foreach (var batch in batches)
        {
            batch.Dispose();
        }
    }
}
