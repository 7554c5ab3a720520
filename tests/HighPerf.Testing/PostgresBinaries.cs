namespace HighPerf.Testing;

/// <summary>Where <c>initdb</c> and <c>postgres</c> are.</summary>
internal sealed record PostgresBinaries(string InitDb, string Postgres)
{
    private const string DebianFolders = "/usr/lib/postgresql";

    /// <summary>
    /// <see cref="PostgresServer.BinDirectoryVariable"/> when set; otherwise the first PATH folder holding
    /// both programs; otherwise the highest version under /usr/lib/postgresql/*/bin.
    /// </summary>
    public static PostgresBinaries Locate() =>
        Locate(Environment.GetEnvironmentVariable(PostgresServer.BinDirectoryVariable), Executables.PathFolders(), DebianFolders);

    internal static PostgresBinaries Locate(string? overrideFolder, IEnumerable<string> pathFolders, string debianFolders)
    {
        if (!string.IsNullOrEmpty(overrideFolder))
        {
            return InFolder(overrideFolder)
                ?? throw new FileNotFoundException(
                    $"{PostgresServer.BinDirectoryVariable} is '{overrideFolder}', but that folder has no executable initdb and postgres. " +
                    "Point it at a PostgreSQL bin folder such as /usr/lib/postgresql/15/bin, or unset it.");
        }

        var found = pathFolders.Select(InFolder).FirstOrDefault(binaries => binaries is not null);
        if (found is not null)
        {
            return found;
        }

        if (Directory.Exists(debianFolders))
        {
            found = Directory.EnumerateDirectories(debianFolders)
                .Select(folder => (Version: int.TryParse(Path.GetFileName(folder), out var v) ? v : -1, Folder: folder))
                .OrderByDescending(candidate => candidate.Version)
                .Select(candidate => InFolder(Path.Combine(candidate.Folder, "bin")))
                .FirstOrDefault(binaries => binaries is not null);
        }

        return found ?? throw new FileNotFoundException(
            $"PostgreSQL server programs (initdb, postgres) were found neither in PATH nor in {DebianFolders}/*/bin. " +
            $"Install the Debian package 'postgresql' (apt-get install postgresql), or set {PostgresServer.BinDirectoryVariable} " +
            "to the folder that holds them.");
    }

    private static PostgresBinaries? InFolder(string folder)
    {
        var initDb = Path.Combine(folder, "initdb");
        var postgres = Path.Combine(folder, "postgres");
        return Executables.IsExecutable(initDb) && Executables.IsExecutable(postgres) ? new PostgresBinaries(initDb, postgres) : null;
    }
}
