using Microsoft.CodeAnalysis;

namespace HighPerf.Caching.Generator.Parsing;

/// <summary>The types the parser compares against, looked up once per method in its compilation; any may be missing on an old framework.</summary>
internal sealed class KnownTypes(Compilation compilation)
{
    public Compilation Compilation { get; } = compilation;

    public INamedTypeSymbol? CacheStore { get; } = compilation.GetTypeByMetadataName("HighPerf.Caching.ICacheStore");

    public INamedTypeSymbol? CacheKeyPart { get; } = compilation.GetTypeByMetadataName("HighPerf.Caching.ICacheKeyPart");

    public INamedTypeSymbol? NotCacheKeyAttribute { get; } = compilation.GetTypeByMetadataName("HighPerf.Caching.NotCacheKeyAttribute");

    public INamedTypeSymbol? CancellationToken { get; } = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");

    public INamedTypeSymbol? Task { get; } = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");

    public INamedTypeSymbol? TaskOfT { get; } = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");

    public INamedTypeSymbol? ValueTask { get; } = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");

    public INamedTypeSymbol? ValueTaskOfT { get; } = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");

    public INamedTypeSymbol? AsyncEnumerable { get; } = compilation.GetTypeByMetadataName("System.Collections.Generic.IAsyncEnumerable`1");

    public INamedTypeSymbol? AsyncEnumerator { get; } = compilation.GetTypeByMetadataName("System.Collections.Generic.IAsyncEnumerator`1");

    public INamedTypeSymbol? Enumerator { get; } = compilation.GetTypeByMetadataName("System.Collections.IEnumerator");

    public INamedTypeSymbol? Stream { get; } = compilation.GetTypeByMetadataName("System.IO.Stream");

    public INamedTypeSymbol? MemberInfo { get; } = compilation.GetTypeByMetadataName("System.Reflection.MemberInfo");

    public INamedTypeSymbol? Formattable { get; } = compilation.GetTypeByMetadataName("System.IFormattable");

    public INamedTypeSymbol? FormatProvider { get; } = compilation.GetTypeByMetadataName("System.IFormatProvider");

    public INamedTypeSymbol? Obsolete { get; } = compilation.GetTypeByMetadataName("System.ObsoleteAttribute");

    public INamedTypeSymbol? Memory { get; } = compilation.GetTypeByMetadataName("System.Memory`1");

    public INamedTypeSymbol? ReadOnlyMemory { get; } = compilation.GetTypeByMetadataName("System.ReadOnlyMemory`1");

    public INamedTypeSymbol? ReadOnlyList { get; } = compilation.GetTypeByMetadataName("System.Collections.Generic.IReadOnlyList`1");

    public INamedTypeSymbol? ReadOnlyCollection { get; } = compilation.GetTypeByMetadataName("System.Collections.Generic.IReadOnlyCollection`1");

    public INamedTypeSymbol? List { get; } = compilation.GetTypeByMetadataName("System.Collections.Generic.List`1");

    public INamedTypeSymbol? Enum { get; } = compilation.GetTypeByMetadataName("System.Enum");

    /// <summary>Value types with a built-in <c>CacheKeyBuilder.Add</c> overload that are not C# special types.</summary>
    public IReadOnlyList<INamedTypeSymbol> AddableStructs { get; } = Find(
        compilation,
        "System.Int128",
        "System.UInt128",
        "System.Half",
        "System.Guid",
        "System.DateTimeOffset",
        "System.TimeSpan",
        "System.DateOnly",
        "System.TimeOnly");

    public bool IsCancellationToken(ITypeSymbol type) => SymbolEqualityComparer.Default.Equals(type, CancellationToken);

    public static bool IsDefinition(ITypeSymbol type, INamedTypeSymbol? definition)
        => definition is not null && type is INamedTypeSymbol { IsGenericType: true } named && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, definition);

    /// <summary>Whether <paramref name="type"/> is <paramref name="other"/> or derives from it.</summary>
    public static bool IsOrDerivesFrom(ITypeSymbol type, INamedTypeSymbol? other)
    {
        if (other is null)
        {
            return false;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, other))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="type"/> is, or implements, the interface <paramref name="contract"/> (a generic one by its definition).</summary>
    public static bool Implements(ITypeSymbol type, INamedTypeSymbol? contract)
    {
        if (contract is null)
        {
            return false;
        }

        if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, contract))
        {
            return true;
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, contract))
            {
                return true;
            }
        }

        return false;
    }

    private static INamedTypeSymbol[] Find(Compilation compilation, params string[] names)
    {
        var found = new List<INamedTypeSymbol>(names.Length);
        foreach (var name in names)
        {
            if (compilation.GetTypeByMetadataName(name) is { } type)
            {
                found.Add(type);
            }
        }

        return found.ToArray();
    }
}
