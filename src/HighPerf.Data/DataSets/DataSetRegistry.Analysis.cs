using HighPerf.Data.DataSets.Analysis;
using HighPerf.Data.DataSets.Sql;

namespace HighPerf.Data.DataSets;

public sealed partial class DataSetRegistry
{
    /// <summary>The summary analysis of a data set: count, types, min/max/mean per column, computed in SQL by the store.</summary>
    /// <param name="name">The data set.</param>
    /// <param name="cancellationToken">Interrupts the queries.</param>
    public async Task<DataSetSummary> SummarizeAsync(string name, CancellationToken cancellationToken = default)
    {
        var definition = await GetDefinitionAsync(name, cancellationToken).ConfigureAwait(false);
        try
        {
            return await DataSetAnalysisSql.SummaryAsync(_store, definition, DataSetFilter.None, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (_store.IsStoreFailure(ex, out var transient))
        {
            throw StoreFailed("analyse the rows", ex, transient);
        }
    }

    /// <summary>The profile of a data set: distinct counts, histograms of numeric columns, top values of the others.</summary>
    /// <param name="name">The data set.</param>
    /// <param name="cancellationToken">Interrupts the queries.</param>
    public async Task<DataSetProfile> ProfileAsync(string name, CancellationToken cancellationToken = default)
    {
        var definition = await GetDefinitionAsync(name, cancellationToken).ConfigureAwait(false);
        try
        {
            return await DataSetAnalysisSql.ProfileAsync(_store, definition, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (_store.IsStoreFailure(ex, out var transient))
        {
            throw StoreFailed("analyse the rows", ex, transient);
        }
    }

    /// <summary>The quality of a data set: nulls, duplicates on keys, type violations.</summary>
    /// <param name="name">The data set.</param>
    /// <param name="cancellationToken">Interrupts the queries.</param>
    public async Task<DataSetQuality> CheckQualityAsync(string name, CancellationToken cancellationToken = default)
    {
        var definition = await GetDefinitionAsync(name, cancellationToken).ConfigureAwait(false);
        try
        {
            return await DataSetAnalysisSql.QualityAsync(_store, definition, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (_store.IsStoreFailure(ex, out var transient))
        {
            throw StoreFailed("analyse the rows", ex, transient);
        }
    }
}
