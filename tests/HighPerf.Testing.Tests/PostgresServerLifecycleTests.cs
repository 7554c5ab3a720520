using System.Runtime.Versioning;
using Npgsql;

namespace HighPerf.Testing.Tests;

public sealed class PostgresServerLifecycleTests
{
    [Fact]
    public async Task StopAsync_ends_the_process_closes_the_port_and_deletes_the_folder()
    {
        var server = await PostgresServer.StartAsync();
        await using (var connection = new NpgsqlConnection(server.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            Assert.Equal(1, await command.ExecuteScalarAsync());
        }

        Assert.True(Directory.Exists(server.FolderPath));
        Assert.StartsWith(Path.Combine(Path.GetTempPath(), "highperf-tests"), server.FolderPath, StringComparison.Ordinal);

        await server.StopAsync();

        ServerAssert.PortRefuses(server.Port);
        ServerAssert.ProcessGone(server.ProcessId);
        Assert.False(Directory.Exists(server.FolderPath));

        // Stopping twice, as a DisposeAsync after StopAsync does, is harmless.
        await server.DisposeAsync();
    }

    [Fact]
    public void A_missing_installation_names_the_package_to_install()
    {
        var noSuchFolder = Path.Combine(Path.GetTempPath(), "no-such-folder-" + Guid.NewGuid().ToString("N"));

        var error = Assert.Throws<FileNotFoundException>(() => PostgresBinaries.Locate(null, [noSuchFolder], noSuchFolder));

        Assert.Contains("'postgresql'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_bin_folder_override_is_reported()
    {
        var error = Assert.Throws<FileNotFoundException>(() => PostgresBinaries.Locate("/nonexistent", [], "/nonexistent"));

        Assert.Contains(PostgresServer.BinDirectoryVariable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void Without_PATH_entries_the_highest_installed_version_wins_numerically()
    {
        var root = Directory.CreateTempSubdirectory("highperf-pg-layout-").FullName;
        try
        {
            foreach (var version in new[] { "9", "15", "13" })
            {
                var bin = Directory.CreateDirectory(Path.Combine(root, version, "bin")).FullName;
                foreach (var program in new[] { "initdb", "postgres" })
                {
                    File.WriteAllText(Path.Combine(bin, program), "#!/bin/sh\n");
                    File.SetUnixFileMode(Path.Combine(bin, program), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
            }

            var binaries = PostgresBinaries.Locate(null, [], root);

            Assert.Equal(Path.Combine(root, "15", "bin", "initdb"), binaries.InitDb);
            Assert.Equal(Path.Combine(root, "15", "bin", "postgres"), binaries.Postgres);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
