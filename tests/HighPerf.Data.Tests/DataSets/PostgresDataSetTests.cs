namespace HighPerf.Data.Tests.DataSets;

/// <summary>The registry's scenarios on the private PostgreSQL server, each test in a database of its own.</summary>
[Collection(PostgresFixture.CollectionName)]
public sealed class PostgresDataSetRegistryTests(PostgresFixture fixture) : DataSetRegistryTests
{
    protected override async Task<DataSetTestStore> OpenStoreAsync() => await PostgresTestStore.CreateAsync(fixture);
}

/// <summary>The streaming scenarios on the private PostgreSQL server; alone, as the big stream measures the live heap.</summary>
[Collection(MeasuredAloneCollection.Name)]
public sealed class PostgresDataSetStreamingTests(PostgresFixture fixture) : DataSetStreamingTests
{
    // Filled server-side by generate_series; 2.5 million rows are 40 MB of Arrow, many times the bound asserted.
    protected override int BigRows => 2_500_000;

    protected override async Task<DataSetTestStore> OpenStoreAsync() => await PostgresTestStore.CreateAsync(fixture);

    protected override async Task FillBigAsync(DataSetTestStore store, int rows)
    {
        var postgres = (PostgresTestStore)store;
        await postgres.ScalarAsync<object>($"INSERT INTO big SELECT g, g * 0.5 FROM generate_series(0, {rows - 1}) AS g");
    }
}
