namespace HighPerf.Data;

/// <summary>
/// Settings of an embedded DuckDB database, bound from the <c>HighPerf:DuckDb</c> configuration section
/// by <c>AddHighPerfDuckDb()</c>. They are applied when the database opens and then locked
/// (<c>lock_configuration</c>), so no SQL can change them afterwards.
/// </summary>
public sealed class DuckDbOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "HighPerf:DuckDb";

    /// <summary>The in-memory database's path.</summary>
    public const string InMemory = ":memory:";

    /// <summary>The database file, or <see cref="InMemory"/> (the default) for a database that lives in memory only.</summary>
    public string Path { get; set; } = InMemory;

    /// <summary>Whether the database file is opened read-only; default <see langword="false"/>.</summary>
    public bool ReadOnly { get; set; }

    /// <summary>DuckDB's worker threads (<c>threads</c>); <see langword="null"/> (the default) means one per core.</summary>
    public int? Threads { get; set; }

    /// <summary>
    /// The most memory DuckDB's buffer manager may use (<c>memory_limit</c>), in DuckDB's syntax such as
    /// <c>4GB</c> or <c>512MiB</c>; <see langword="null"/> (the default) means 80 % of the machine's memory.
    /// Larger work spills to <see cref="TempDirectory"/>.
    /// </summary>
    public string? MemoryLimit { get; set; }

    /// <summary>
    /// Where DuckDB spills data that does not fit in <see cref="MemoryLimit"/> (<c>temp_directory</c>);
    /// <see langword="null"/> (the default) means DuckDB's own choice: <c>&lt;database&gt;.tmp</c> beside a
    /// file database, <c>.tmp</c> in the working folder for an in-memory one. Always writable by DuckDB.
    /// </summary>
    public string? TempDirectory { get; set; }

    /// <summary>
    /// Whether SQL may read and write any file, attach other databases and load extensions
    /// (<c>enable_external_access</c>); default <see langword="false"/>: only the database itself, the
    /// <see cref="TempDirectory"/> and the <see cref="AllowedDirectories"/> can be reached.
    /// </summary>
    public bool EnableExternalAccess { get; set; }

    /// <summary>
    /// The folders SQL may read and write while external access is off (<c>allowed_directories</c>), and
    /// the only folders Parquet exports may write to in any case. Symbolic links are resolved when the
    /// database opens. Default: none.
    /// </summary>
    public IList<string> AllowedDirectories { get; set; } = [];

    /// <summary>
    /// The time zone of TIMESTAMPTZ arithmetic, text and Arrow results (<c>tz=</c> of their timestamp type), an
    /// IANA name; default <c>UTC</c>. <see langword="null"/> keeps DuckDB's default, the machine's zone.
    /// </summary>
    public string? TimeZone { get; set; } = "UTC";

    /// <summary>
    /// How far DuckDB's threads may run ahead of a streaming result's reader (<c>streaming_buffer_size</c>, set on
    /// every connection of the pool), in DuckDB's syntax. Each open result buffers at most this much. DuckDB's own
    /// default, 976.5 KiB, holds its threads back whenever the reader does work of its own per chunk (a copy to
    /// Arrow, for example): a full scan of 10 million rows to Arrow took 1.3x as long with it as with 64 MB.
    /// <see langword="null"/> or empty keeps DuckDB's default. Default: <c>64MB</c>.
    /// </summary>
    public string? StreamingBufferSize { get; set; } = "64MB";

    /// <summary>
    /// Settings that SQL may still change after the configuration is locked (<c>allowed_configs</c>), e.g.
    /// <c>TimeZone</c>. Default: none.
    /// </summary>
    public IList<string> UnlockedSettings { get; set; } = [];

    /// <summary>
    /// The most connections open at once; a caller past it waits for one to come back. Default: twice
    /// the number of cores, at least 4.
    /// </summary>
    public int MaxPoolSize { get; set; } = Math.Max(4, Environment.ProcessorCount * 2);
}
