namespace HighPerf.Data.Tests.DataSets;

/// <summary>The registry's scenarios on embedded DuckDB.</summary>
public sealed class DuckDbDataSetRegistryTests : DataSetRegistryTests
{
    protected override Task<DataSetTestStore> OpenStoreAsync() => Task.FromResult<DataSetTestStore>(new DuckDbTestStore());
}

/// <summary>The streaming scenarios on embedded DuckDB; alone, as the big stream measures the live heap.</summary>
[Collection(MeasuredAloneCollection.Name)]
public sealed class DuckDbDataSetStreamingTests : DataSetStreamingTests
{
    protected override int BigRows => 10_000_000;

    protected override Task<DataSetTestStore> OpenStoreAsync() => Task.FromResult<DataSetTestStore>(new DuckDbTestStore());

    protected override Task FillBigAsync(DataSetTestStore store, int rows)
    {
        store.Database.Execute($"INSERT INTO big SELECT range, range * 0.5 FROM range({rows})");
        return Task.CompletedTask;
    }
}
