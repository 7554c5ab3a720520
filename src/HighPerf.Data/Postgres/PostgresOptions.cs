namespace HighPerf.Data;

/// <summary>
/// Settings of the PostgreSQL data source, bound from the <c>HighPerf:Postgres</c> configuration section by
/// <c>AddHighPerfPostgres()</c>. Values left <see langword="null"/> keep what the connection string says (or
/// Npgsql's default).
/// </summary>
public sealed class PostgresOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "HighPerf:Postgres";

    /// <summary>The default number of rows per Arrow batch read or written by COPY: 65,536.</summary>
    public const int DefaultCopyBatchRows = 65_536;

    /// <summary>The Npgsql connection string (required), e.g. <c>Host=db;Username=app;Database=app</c>.</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>Whether connections are pooled; <see langword="null"/> keeps the connection string's (pooled by default).</summary>
    public bool? Pooling { get; set; }

    /// <summary>The fewest connections the pool keeps open; <see langword="null"/> keeps the connection string's (0 by default).</summary>
    public int? MinPoolSize { get; set; }

    /// <summary>The most connections the pool opens; <see langword="null"/> keeps the connection string's (100 by default).</summary>
    public int? MaxPoolSize { get; set; }

    /// <summary>How long an idle pooled connection stays open; <see langword="null"/> keeps the connection string's (300 s by default).</summary>
    public TimeSpan? ConnectionIdleLifetime { get; set; }

    /// <summary>How long a command (and each COPY operation's replies) may take; <see langword="null"/> keeps the connection string's (30 s by default).</summary>
    public TimeSpan? CommandTimeout { get; set; }

    /// <summary>Rows per Arrow batch that reads yield when the caller does not say; default <see cref="DefaultCopyBatchRows"/>.</summary>
    public int CopyBatchRows { get; set; } = DefaultCopyBatchRows;
}
