using System.IO.Pipelines;
using HighPerf.Data.DataSets;
using HighPerf.Data.DataSets.Json;

namespace HighPerf.Data;

public sealed partial class PostgresArrowClient
{
    /// <summary>
    /// <see cref="BulkInsertJsonAsync(string, DataSetDefinition, Stream, CancellationToken)"/> from a pipe, with the data set registry's limit on the records of one body
    /// (a longer body fails as an invalid value at the first record past it, and nothing is stored).
    /// </summary>
    internal async Task<long> BulkInsertDataSetJsonAsync(string table, DataSetDefinition definition, PipeReader body, long maxRows, CancellationToken cancellationToken)
    {
        var columns = new string[definition.Columns.Count];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = definition.Columns[i].Name;
        }

        try
        {
            using var parser = new JsonRecordParser(definition, JsonBatchRows, maxRows);
            return await CopyInAsync(table, columns, (Body: body, Parser: parser), static (writer, state, ct) => CopyJsonAsync(writer, state.Body, state.Parser, ct), cancellationToken).ConfigureAwait(false);
        }
        catch (DataSetInvalidDataException ex)
        {
            throw new PostgresArrowException(PostgresArrowErrorKind.InvalidValue, ex.Message + " Nothing was stored.", rowIndex: ex.RowIndex, columnName: ex.Column, innerException: ex);
        }
    }
}
