namespace HighPerf.Data.Tests.DuckDb;

public sealed class ExportTests
{
    [Theory]
    [InlineData(ParquetCompression.Zstd, "ZSTD")]
    [InlineData(ParquetCompression.Snappy, "SNAPPY")]
    [InlineData(ParquetCompression.Gzip, "GZIP")]
    [InlineData(ParquetCompression.Uncompressed, "UNCOMPRESSED")]
    public void A_Parquet_export_reads_back_with_equal_contents(ParquetCompression compression, string codec)
    {
        using var folder = new TempFolder();
        var exports = folder.CreateDirectory("exports");
        using var db = TestDb.Open(o => o.AllowedDirectories = [exports]);
        using var connection = db.OpenConnection();
        connection.Execute(EventRows.CreateTable);
        connection.Execute("""
            INSERT INTO events
            SELECT i, i % 1000, ['click', 'view', 'purchase'][1 + i % 3],
                   CASE WHEN i % 10 = 0 THEN NULL ELSE (i % 100000)::DECIMAL(12,2) / 100 END,
                   CASE WHEN i % 4 = 0 THEN NULL ELSE '{"n":' || i || '}' END,
                   TIMESTAMPTZ '2024-01-01 00:00:00+00' + to_microseconds(i * 1000003)
            FROM range(200000) t(i)
            """);

        var rows = connection.ExportParquet("SELECT * FROM events", "events/all.parquet", compression);

        Assert.Equal(200_000, rows);
        var file = Path.Combine(exports, "events", "all.parquet");
        Assert.True(File.Exists(file));
        Assert.Equal(200_000L, connection.ExecuteScalar<long>($"SELECT count(*) FROM read_parquet('{file}')"));
        Assert.Equal(0L, connection.ExecuteScalar<long>($"SELECT count(*) FROM (SELECT * FROM events EXCEPT ALL SELECT * FROM read_parquet('{file}'))"));
        Assert.Equal(0L, connection.ExecuteScalar<long>($"SELECT count(*) FROM (SELECT * FROM read_parquet('{file}') EXCEPT ALL SELECT * FROM events)"));
        Assert.Equal(codec, connection.ExecuteScalar<string>($"SELECT DISTINCT compression FROM parquet_metadata('{file}') WHERE path_in_schema = 'user_id'"));
        Assert.Equal("DECIMAL(12,2)", connection.ExecuteScalar<string>($"SELECT typeof(amount) FROM read_parquet('{file}') LIMIT 1"));
        Assert.Equal("TIMESTAMP WITH TIME ZONE", connection.ExecuteScalar<string>($"SELECT typeof(created_at) FROM read_parquet('{file}') LIMIT 1"));
    }

    [Fact]
    public void Exports_outside_the_allowed_folder_are_rejected_before_anything_is_written()
    {
        using var folder = new TempFolder();
        var exports = folder.CreateDirectory("exports");
        var outside = folder.CreateDirectory("outside");
        folder.CreateDirectory("exports-evil");
        Directory.CreateSymbolicLink(Path.Combine(exports, "escape"), outside);
        File.CreateSymbolicLink(Path.Combine(exports, "file-link.parquet"), Path.Combine(outside, "target.parquet"));
        using var db = TestDb.Open(o => o.AllowedDirectories = [exports]);

        foreach (var path in new[]
        {
            Path.Combine(outside, "x.parquet"),
            Path.Combine(exports, "..", "outside", "x.parquet"),
            "../outside/x.parquet",
            Path.Combine(folder.Path, "exports-evil", "x.parquet"),
            Path.Combine(exports, "escape", "x.parquet"),
            Path.Combine(exports, "escape", "..", "..", "x.parquet"),
            Path.Combine(exports, "file-link.parquet"),
            exports + "/",
            exports,
            "/etc/x.parquet",
        })
        {
            var ex = Assert.ThrowsAny<Exception>(() => db.ExportParquet("SELECT 1 AS x", path));
            Assert.True(ex is DuckDbException { Kind: DuckDbErrorKind.PermissionDenied } or ArgumentException, $"{path}: {ex}");
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(outside));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(folder.Path, "exports-evil")));
        Assert.False(File.Exists(Path.Combine(folder.Path, "x.parquet")));
    }

    [Fact]
    public void Without_an_allowed_folder_nothing_can_be_exported()
    {
        using var folder = new TempFolder();
        using var db = TestDb.Open(o => o.EnableExternalAccess = true);
        var ex = Assert.Throws<DuckDbException>(() => db.ExportParquet("SELECT 1", folder.Combine("x.parquet")));
        Assert.Equal(DuckDbErrorKind.PermissionDenied, ex.Kind);
        Assert.Contains("AllowedDirectories", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_query_cannot_redirect_the_export()
    {
        using var folder = new TempFolder();
        var exports = folder.CreateDirectory("exports");
        using var db = TestDb.Open(o =>
        {
            o.AllowedDirectories = [exports];
            o.EnableExternalAccess = true;
        });
        var outside = folder.Combine("stolen.parquet");

        Assert.ThrowsAny<DuckDbException>(() => db.ExportParquet($"SELECT 1) TO '{outside}' (FORMAT parquet); --", "x.parquet"));
        Assert.ThrowsAny<DuckDbException>(() => db.ExportParquet($"SELECT 1) TO '{outside}' (FORMAT parquet) --", "x.parquet"));
        Assert.False(File.Exists(outside));
        Assert.Equal(3, db.ExportParquet("SELECT * FROM range(3) -- a comment", "ok.parquet"));
    }

    [Fact]
    public void A_linked_allowed_folder_is_resolved_and_file_names_with_quotes_work()
    {
        using var folder = new TempFolder();
        var real = folder.CreateDirectory("real-exports");
        var link = folder.Combine("exports-link");
        Directory.CreateSymbolicLink(link, real);
        using var db = TestDb.Open(o => o.AllowedDirectories = [link]);
        Assert.Equal(real, db.AllowedDirectories[0]);

        Assert.Equal(10, db.ExportParquet("FROM range(10)", Path.Combine(link, "it's here.parquet")));
        Assert.True(File.Exists(Path.Combine(real, "it's here.parquet")));
        Assert.Equal(45L, db.ExecuteScalar<long>($"SELECT sum(range) FROM '{Path.Combine(real, "it''s here.parquet")}'"));
    }
}
