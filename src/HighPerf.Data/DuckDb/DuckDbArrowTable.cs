using HighPerf.Data.Arrow;
using HighPerf.Data.DuckDb;

namespace HighPerf.Data;

/// <summary>
/// Arrow record batches registered as a table every connection of the database can query by name
/// (<c>SELECT ... FROM name</c>, or <c>FROM highperf_arrow_scan('name')</c> when a real table has the same
/// name). DuckDB scans the batches' buffers in place. Dispose it to unregister the name; the batches are
/// disposed once no query or prepared statement uses them any more.
/// </summary>
public sealed class DuckDbArrowTable : IDisposable
{
    private readonly ArrowTables _tables;
    private ArrowTableEntry? _entry;

    internal DuckDbArrowTable(ArrowTables tables, ArrowTableEntry entry)
    {
        _tables = tables;
        _entry = entry;
        Name = entry.Name;
        Schema = entry.Schema;
        RowCount = entry.RowCount;
    }

    /// <summary>The table's name (resolved case-insensitively, as DuckDB resolves names).</summary>
    public string Name { get; }

    /// <summary>The batches' schema; DuckDB maps its types as its own Arrow scan does.</summary>
    public Schema Schema { get; }

    /// <summary>The number of rows over all batches.</summary>
    public long RowCount { get; }

    /// <summary>Unregisters the table.</summary>
    public void Dispose()
    {
        var entry = Interlocked.Exchange(ref _entry, null);
        if (entry is not null)
        {
            _tables.Unregister(entry);
        }
    }
}
