using System.Diagnostics;
using System.Globalization;
using HighPerf.Data.Arrow;
using HighPerf.Data.DataSets.Analysis;
using HighPerf.Data.DataSets.Sql;

namespace HighPerf.Data.DataSets;

public sealed partial class DataSetRegistry
{
    /// <summary>
    /// The rows matching <paramref name="filtersJson"/> (see the contract: equals, <c>in</c>, <c>gte/lte/gt/lt</c>),
    /// in key order, at most <paramref name="limit"/>; with <paramref name="summarize"/>, the summary of every
    /// matching row as well.
    /// </summary>
    /// <param name="name">The data set.</param>
    /// <param name="filtersJson">The filters as JSON, or <see langword="null"/> for all rows.</param>
    /// <param name="limit">The most rows to return, 1 to <see cref="DataSetOptions.MaxQueryRows"/>; default 100.</param>
    /// <param name="summarize">Whether to add the summary analysis of the matching rows.</param>
    /// <param name="cancellationToken">Interrupts the query.</param>
    /// <exception cref="DataSetInvalidDataException">A filter is malformed or the limit out of range.</exception>
    public async Task<DataSetQueryResult> QueryAsync(string name, string? filtersJson, int limit = 100, bool summarize = false, CancellationToken cancellationToken = default)
    {
        var definition = await GetDefinitionAsync(name, cancellationToken).ConfigureAwait(false);
        if (limit < 1 || limit > _options.MaxQueryRows)
        {
            throw new DataSetInvalidDataException($"The limit must be between 1 and {_options.MaxQueryRows}.");
        }

        var filter = DataSetFilter.Parse(definition, filtersJson);
        var started = Stopwatch.GetTimestamp();
        var sql = $"SELECT {DataSetSql.AllColumns(definition)} FROM {DataSetIdentifiers.Quote(definition.Name)} {filter.Where}{DataSetSql.OrderBy(definition, _store.Dialect)} LIMIT {limit.ToString(CultureInfo.InvariantCulture)}";
        var batches = new List<RecordBatch>();
        try
        {
            await foreach (var batch in _store.ReadAsync(sql, filter.Parameters, cancellationToken).ConfigureAwait(false))
            {
                batches.Add(batch);
            }

            var summary = summarize ? await DataSetAnalysisSql.SummaryAsync(_store, definition, filter, cancellationToken).ConfigureAwait(false) : null;
            return new DataSetQueryResult(definition, batches, Stopwatch.GetElapsedTime(started), summary);
        }
        catch (Exception ex)
        {
            foreach (var batch in batches)
            {
                batch.Dispose();
            }

            if (_store.IsStoreFailure(ex, out var transient))
            {
                throw StoreFailed("run the query", ex, transient);
            }

            throw;
        }
    }
}
