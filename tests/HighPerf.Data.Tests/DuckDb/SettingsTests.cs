namespace HighPerf.Data.Tests.DuckDb;

public sealed class SettingsTests
{
    [Fact]
    public void Threads_memory_limit_and_temp_directory_are_applied()
    {
        using var folder = new TempFolder();
        var temp = folder.CreateDirectory("spill");
        using var db = TestDb.Open(o =>
        {
            o.Threads = 1;
            o.MemoryLimit = "256MiB";
            o.TempDirectory = temp;
        });

        Assert.Equal(1L, db.ExecuteScalar<long>("SELECT current_setting('threads')"));
        Assert.Equal("256.0 MiB", db.ExecuteScalar<string>("SELECT current_setting('memory_limit')"));
        Assert.Equal(temp, db.ExecuteScalar<string>("SELECT current_setting('temp_directory')"));
        Assert.True(db.ExecuteScalar<bool>("SELECT NOT current_setting('enable_external_access')"));
        Assert.True(db.ExecuteScalar<bool>("SELECT current_setting('lock_configuration')"));
    }

    [Theory]
    [InlineData("SET threads = 8")]
    [InlineData("SET memory_limit = '100GB'")]
    [InlineData("SET enable_external_access = true")]
    [InlineData("SET allowed_directories = ['/']")]
    [InlineData("SET lock_configuration = false")]
    [InlineData("RESET threads")]
    public void Sql_cannot_change_the_locked_settings(string sql)
    {
        using var db = TestDb.Open();
        var ex = Assert.Throws<DuckDbException>(() => db.Execute(sql));
        Assert.Contains("lock", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(2L, db.ExecuteScalar<long>("SELECT current_setting('threads')"));
    }

    [Fact]
    public void Unlocked_settings_stay_changeable()
    {
        using var db = TestDb.Open(o => o.UnlockedSettings = ["TimeZone"]);
        using var connection = db.OpenConnection();
        connection.Execute("SET TimeZone = 'America/New_York'");
        Assert.Equal("America/New_York", connection.ExecuteScalar<string>("SELECT current_setting('TimeZone')"));
        Assert.Throws<DuckDbException>(() => connection.Execute("SET threads = 1"));
    }

    [Fact]
    public void Every_pooled_connection_gets_the_streaming_buffer_size()
    {
        using var db = TestDb.Open(o => o.StreamingBufferSize = "20MB");
        using var first = db.OpenConnection();
        using var second = db.OpenConnection();
        using var third = db.OpenConnection();
        foreach (var connection in new[] { first, second, third })
        {
            Assert.Equal("19.0 MiB", connection.ExecuteScalar<string>("SELECT current_setting('streaming_buffer_size')"));
        }

        // It is a connection's own setting, so SQL may change it there; the locked ones stay locked.
        second.Execute("SET streaming_buffer_size = '1MB'");
        Assert.Equal("19.0 MiB", third.ExecuteScalar<string>("SELECT current_setting('streaming_buffer_size')"));
        Assert.Throws<DuckDbException>(() => second.Execute("SET threads = 1"));

        using var defaults = TestDb.Open(o => o.StreamingBufferSize = null);
        Assert.Equal("976.5 KiB", defaults.ExecuteScalar<string>("SELECT current_setting('streaming_buffer_size')"));
        Assert.Equal("64MB", new DuckDbOptions().StreamingBufferSize);
    }

    [Fact]
    public void External_access_is_off_by_default_for_reading_attaching_and_extensions()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine("data.csv"), "a,b\n1,2\n");
        using var db = TestDb.Open();

        foreach (var sql in new[]
        {
            $"SELECT * FROM read_csv('{folder.Combine("data.csv")}')",
            "SELECT * FROM read_csv('/etc/passwd')",
            $"ATTACH '{folder.Combine("other.db")}'",
            "INSTALL httpfs",
            $"COPY (SELECT 1) TO '{folder.Combine("out.csv")}'",
        })
        {
            var ex = Assert.Throws<DuckDbException>(() => db.Execute(sql));
            Assert.Equal(DuckDbErrorKind.PermissionDenied, ex.Kind);
            Assert.Contains("disabled by configuration", ex.Message, StringComparison.Ordinal);
        }

        Assert.False(File.Exists(folder.Combine("out.csv")));
        Assert.False(File.Exists(folder.Combine("other.db")));
    }

    [Fact]
    public void Sql_may_use_the_allowed_directories_and_nothing_beside_them()
    {
        using var folder = new TempFolder();
        var allowed = folder.CreateDirectory("allowed");
        var sibling = folder.CreateDirectory("allowed-not");
        using var db = TestDb.Open(o => o.AllowedDirectories = [allowed]);

        db.Execute($"COPY (SELECT 42 AS x) TO '{allowed}/x.csv'");
        Assert.Equal(42, db.ExecuteScalar<int>($"SELECT x FROM read_csv('{allowed}/x.csv')"));

        foreach (var path in new[] { $"{sibling}/x.csv", $"{allowed}/../x.csv", $"{folder.Path}/x.csv" })
        {
            var ex = Assert.Throws<DuckDbException>(() => db.Execute($"COPY (SELECT 1) TO '{path}'"));
            Assert.Equal(DuckDbErrorKind.PermissionDenied, ex.Kind);
        }

        Assert.False(File.Exists($"{sibling}/x.csv"));
        Assert.False(File.Exists($"{folder.Path}/x.csv"));
    }

    [Fact]
    public void External_access_can_be_turned_on()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine("data.csv"), "a,b\n1,2\n");
        using var db = TestDb.Open(o => o.EnableExternalAccess = true);
        Assert.Equal(2L, db.ExecuteScalar<long>($"SELECT b FROM read_csv('{folder.Combine("data.csv")}')"));
        Assert.Throws<DuckDbException>(() => db.Execute("SET enable_external_access = false"));
    }

    [Fact]
    public void A_file_database_keeps_its_data_and_may_be_opened_read_only()
    {
        using var folder = new TempFolder();
        var path = folder.Combine("app.duckdb");
        using (var db = TestDb.Open(o => o.Path = path))
        {
            db.Execute("CREATE TABLE t AS SELECT range AS id FROM range(1000)");
        }

        using (var db = TestDb.Open(o => { o.Path = path; o.ReadOnly = true; }))
        {
            Assert.Equal(499_500L, db.ExecuteScalar<long>("SELECT sum(id) FROM t"));
            var ex = Assert.Throws<DuckDbException>(() => db.Execute("INSERT INTO t VALUES (1)"));
            Assert.Contains("read-only", ex.Message, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Bad_settings_fail_to_open_with_a_clear_error()
    {
        var ex = Assert.Throws<DuckDbException>(() => TestDb.Open(o => o.MemoryLimit = "lots"));
        Assert.Equal(DuckDbErrorKind.Open, ex.Kind);
        Assert.Contains("memory_limit", ex.Message, StringComparison.Ordinal);
        var buffer = Assert.Throws<DuckDbException>(() => TestDb.Open(o => o.StreamingBufferSize = "a lot"));
        Assert.Equal(DuckDbErrorKind.Open, buffer.Kind);
        Assert.Contains("streaming_buffer_size", buffer.Message, StringComparison.Ordinal);

        Assert.Throws<ArgumentOutOfRangeException>(() => TestDb.Open(o => o.Threads = 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => TestDb.Open(o => o.MaxPoolSize = 0));
        Assert.Throws<ArgumentException>(() => TestDb.Open(o => o.AllowedDirectories = ["relative/path"]));

        using var folder = new TempFolder();
        var open = Assert.Throws<DuckDbException>(() => TestDb.Open(o => o.Path = folder.Combine("missing-folder", "x.duckdb")));
        Assert.Equal(DuckDbErrorKind.Open, open.Kind);
    }
}
