using Microsoft.Extensions.Options;

namespace HighPerf.Compression.AspNetCore;

/// <summary>Rejects settings libzstd or HTTP would refuse later, at start-up instead.</summary>
internal sealed class HighPerfCompressionOptionsValidator : IValidateOptions<HighPerfCompressionOptions>
{
    public ValidateOptionsResult Validate(string? name, HighPerfCompressionOptions options)
    {
        List<string>? failures = null;
        if (options.Level < Zstd.MinLevel || options.Level > Zstd.MaxLevel)
        {
            (failures ??= []).Add($"{HighPerfCompressionOptions.SectionName}:Level must be from {Zstd.MinLevel} to {Zstd.MaxLevel}; it is {options.Level}.");
        }

        if (options.MinimumSize < 0)
        {
            (failures ??= []).Add($"{HighPerfCompressionOptions.SectionName}:MinimumSize cannot be negative.");
        }

        if (options.MaxDecompressedRequestSize <= 0)
        {
            (failures ??= []).Add($"{HighPerfCompressionOptions.SectionName}:MaxDecompressedRequestSize must be positive.");
        }

        return failures is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
