using Microsoft.CodeAnalysis;

namespace HighPerf.Caching.Generator;

/// <summary>Every diagnostic of the <c>[Cached]</c> generator; README.md and AnalyzerReleases.*.md list them too.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "HighPerf.Caching";

    public static readonly DiagnosticDescriptor NotPartial = Error(
        "HPC0001",
        "A [Cached] method must be a partial method without a body",
        "[Cached] method '{0}' must be declared 'partial' without a body, so that its body can be generated; write the computation in '{1}'");

    public static readonly DiagnosticDescriptor UnsupportedParameter = Error(
        "HPC0002",
        "A [Cached] method cannot take ref, out, in, pointer or ref struct parameters",
        "Parameter '{0}' of [Cached] method '{1}' is {2}; a cached call must be able to keep its arguments until the value is computed, so pass it by value as a regular type");

    public static readonly DiagnosticDescriptor NoKeyEncoding = Error(
        "HPC0003",
        "A [Cached] parameter's type has no stable key encoding",
        "Parameter '{0}' of [Cached] method '{1}': type '{2}' has no stable cache key encoding; implement HighPerf.Caching.ICacheKeyPart on it, or mark the parameter [NotCacheKey] if it does not change the result");

    public static readonly DiagnosticDescriptor UncacheableReturn = Error(
        "HPC0004",
        "A [Cached] method's return type cannot be cached",
        "[Cached] method '{0}' returns '{1}', which cannot be cached: {2}; return Task<T>, ValueTask<T> or T of a serializable type");

    public static readonly DiagnosticDescriptor InvalidTtl = Error(
        "HPC0005",
        "A [Cached] TTL is not a positive TimeSpan",
        "{0} \"{1}\" of [Cached] method '{2}' is not a positive TimeSpan in invariant [d.]hh:mm:ss[.fffffff] form (for example \"00:05:00\" for five minutes)");

    public static readonly DiagnosticDescriptor NoStore = Error(
        "HPC0006",
        "No ICacheStore for a [Cached] method",
        "[Cached] method '{0}' needs {1} field, property or primary constructor parameter of a type assignable to HighPerf.Caching.ICacheStore in '{2}', and there is none");

    public static readonly DiagnosticDescriptor AmbiguousStore = Error(
        "HPC0007",
        "More than one ICacheStore for a [Cached] method",
        "[Cached] method '{0}' could use any of {1} as its ICacheStore; keep one such member in '{2}'");

    public static readonly DiagnosticDescriptor MissingImplementation = Error(
        "HPC0008",
        "The implementation method of a [Cached] method is missing",
        "[Cached] method '{0}' computes its value on a miss by calling '{1}', which '{2}' does not declare; add it with the same parameters, or name another method with Implementation = nameof(...)");

    public static readonly DiagnosticDescriptor MismatchedImplementation = Error(
        "HPC0009",
        "The implementation method of a [Cached] method does not match it",
        "'{0}' cannot implement [Cached] method '{1}': {2}");

    public static readonly DiagnosticDescriptor InvalidTag = Error(
        "HPC0010",
        "A [Cached] tag template is not valid",
        "Tag \"{0}\" of [Cached] method '{1}' {2}");

    public static readonly DiagnosticDescriptor Unsupported = Error(
        "HPC0011",
        "A [Cached] method of this kind is not supported",
        "[Cached] method '{0}' is not supported: {1}");

    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = Error(
        "HPC0012",
        "The types containing a [Cached] method must be partial",
        "'{0}', which contains [Cached] method '{1}', must be declared 'partial'");

    private static DiagnosticDescriptor Error(string id, string title, string message)
        => new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: null);
}
