namespace HighPerf.Data.DataSets;

/// <summary>The kinds of analysis.</summary>
public enum DataSetAnalysisKind
{
    /// <summary>Count, types, min/max/mean.</summary>
    Summary,

    /// <summary>Distinct counts, histograms, top values.</summary>
    Profile,

    /// <summary>Nulls, duplicates on keys, type violations.</summary>
    Quality,
}

/// <summary>Count, types and min/max/mean of each column.</summary>
/// <param name="RowCount">Rows analysed.</param>
/// <param name="Columns">One entry per column.</param>
public sealed record DataSetSummary(long RowCount, IReadOnlyList<ColumnSummary> Columns);

/// <summary>A column's summary; min and max as the store's text form, mean for numeric columns.</summary>
/// <param name="Name">The column.</param>
/// <param name="Type">Its type.</param>
/// <param name="NonNullCount">Values that are not null.</param>
/// <param name="NullCount">Nulls.</param>
/// <param name="Min">The least value, or <see langword="null"/>.</param>
/// <param name="Max">The greatest value, or <see langword="null"/>.</param>
/// <param name="Mean">The mean of a numeric column, or <see langword="null"/>.</param>
public sealed record ColumnSummary(string Name, string Type, long NonNullCount, long NullCount, string? Min, string? Max, double? Mean);

/// <summary>Distinct counts, histograms of numeric columns and top values of the others.</summary>
/// <param name="RowCount">Rows analysed.</param>
/// <param name="Columns">One entry per column.</param>
public sealed record DataSetProfile(long RowCount, IReadOnlyList<ColumnProfile> Columns);

/// <summary>A column's profile.</summary>
/// <param name="Name">The column.</param>
/// <param name="Type">Its type.</param>
/// <param name="DistinctCount">Distinct non-null values.</param>
/// <param name="Histogram">Ten equal-width bins between min and max (numeric columns), or <see langword="null"/>.</param>
/// <param name="TopValues">The five most frequent values (string, bool and date columns), or <see langword="null"/>.</param>
public sealed record ColumnProfile(string Name, string Type, long DistinctCount, IReadOnlyList<HistogramBin>? Histogram, IReadOnlyList<TopValue>? TopValues);

/// <summary>A histogram bin: values in [lower, upper), the last bin closed.</summary>
/// <param name="Lower">Lower bound.</param>
/// <param name="Upper">Upper bound.</param>
/// <param name="Count">Values in the bin.</param>
public sealed record HistogramBin(double Lower, double Upper, long Count);

/// <summary>A frequent value.</summary>
/// <param name="Value">The value as text.</param>
/// <param name="Count">Its rows.</param>
public sealed record TopValue(string Value, long Count);

/// <summary>Nulls, duplicates on keys and type violations.</summary>
/// <param name="RowCount">Rows analysed.</param>
/// <param name="Columns">One entry per column.</param>
/// <param name="Keys">One entry per primary key or unique set.</param>
public sealed record DataSetQuality(long RowCount, IReadOnlyList<ColumnQuality> Columns, IReadOnlyList<KeyQuality> Keys);

/// <summary>A column's quality.</summary>
/// <param name="Name">The column.</param>
/// <param name="Nulls">Null values.</param>
/// <param name="NullRatio">Nulls over rows (0 for an empty data set).</param>
/// <param name="TypeViolations">Values the type admits but that are not proper values: NaN and infinities in float64, invalid JSON text in json.</param>
public sealed record ColumnQuality(string Name, long Nulls, double NullRatio, long TypeViolations);

/// <summary>Duplicates on a key.</summary>
/// <param name="Columns">The key's columns.</param>
/// <param name="DuplicateRows">Rows beyond the first of each repeated key value.</param>
public sealed record KeyQuality(IReadOnlyList<string> Columns, long DuplicateRows);
