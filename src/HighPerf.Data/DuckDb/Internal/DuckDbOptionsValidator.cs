using Microsoft.Extensions.Options;

namespace HighPerf.Data.DuckDb;

/// <summary>Checks <see cref="DuckDbOptions"/> at start-up, before the database is opened.</summary>
internal sealed class DuckDbOptionsValidator : IValidateOptions<DuckDbOptions>
{
    public ValidateOptionsResult Validate(string? name, DuckDbOptions options)
    {
        List<string>? failures = null;
        if (options.Threads is < 1)
        {
            (failures ??= []).Add($"HighPerf:DuckDb:Threads must be at least 1 (got {options.Threads}).");
        }

        if (options.MaxPoolSize < 1)
        {
            (failures ??= []).Add($"HighPerf:DuckDb:MaxPoolSize must be at least 1 (got {options.MaxPoolSize}).");
        }

        if (string.IsNullOrWhiteSpace(options.Path))
        {
            (failures ??= []).Add($"HighPerf:DuckDb:Path must be a file path or {DuckDbOptions.InMemory}.");
        }

        foreach (var directory in options.AllowedDirectories)
        {
            if (string.IsNullOrWhiteSpace(directory) || !Path.IsPathFullyQualified(directory))
            {
                (failures ??= []).Add($"HighPerf:DuckDb:AllowedDirectories must hold absolute paths (got '{directory}').");
            }
        }

        return failures is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
