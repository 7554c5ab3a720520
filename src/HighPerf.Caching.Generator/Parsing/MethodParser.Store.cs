using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HighPerf.Caching.Generator.Parsing;

// The ICacheStore the generated body calls: one field or property of the containing type (or of a
// base type, when the type has none), else one primary constructor parameter.
internal sealed partial class MethodParser
{
    private string? FindStore()
    {
        if (_types.CacheStore is null)
        {
            Report(DiagnosticDescriptors.NoStore, _syntax.Identifier.GetLocation(), MethodDisplay, _method.IsStatic ? "a static" : "a", ContainingType.Name);
            return null;
        }

        var candidates = new List<ISymbol>();
        for (var owner = ContainingType; owner is not null && candidates.Count == 0; owner = owner.BaseType)
        {
            foreach (var member in owner.GetMembers())
            {
                if (IsStoreMember(member, inherited: !SymbolEqualityComparer.Default.Equals(owner, ContainingType)))
                {
                    candidates.Add(member);
                }
            }
        }

        // A primary constructor parameter that also initializes a field is found as that field; a
        // parameter is used only where no member holds the store.
        if (candidates.Count == 0 && !_method.IsStatic)
        {
            candidates.AddRange(PrimaryConstructorStores());
        }

        if (candidates.Count == 0)
        {
            Report(DiagnosticDescriptors.NoStore, _syntax.Identifier.GetLocation(), MethodDisplay, _method.IsStatic ? "a static" : "a", ContainingType.Name);
            return null;
        }

        if (candidates.Count > 1)
        {
            var names = string.Join(", ", candidates.Select(static c => "'" + c.Name + "'"));
            Report(DiagnosticDescriptors.AmbiguousStore, _syntax.Identifier.GetLocation(), MethodDisplay, names, ContainingType.Name);
            return null;
        }

        var store = candidates[0];
        var (type, isParameter) = store switch
        {
            IFieldSymbol field => (field.Type, false),
            IPropertySymbol property => (property.Type, false),
            _ => (((IParameterSymbol)store).Type, true),
        };
        var name = Formats.Escape(store.Name);
        var expression = isParameter ? name : store.IsStatic ? ContainingType.ToCode() + "." + name : "this." + name;
        return type.NullableAnnotation == NullableAnnotation.Annotated ? expression + "!" : expression;
    }

    private bool IsStoreMember(ISymbol member, bool inherited)
    {
        if (member.IsImplicitlyDeclared || (_method.IsStatic && !member.IsStatic))
        {
            return false;
        }

        if (inherited && !_types.Compilation.IsSymbolAccessibleWithin(member, ContainingType))
        {
            return false;
        }

        var type = member switch
        {
            IFieldSymbol { IsConst: false } field => field.Type,
            IPropertySymbol { IsIndexer: false, GetMethod: not null, IsWriteOnly: false } property => property.Type,
            _ => null,
        };
        return type is not null && IsStoreType(type);
    }

    private IEnumerable<IParameterSymbol> PrimaryConstructorStores()
    {
        foreach (var constructor in ContainingType.InstanceConstructors)
        {
            foreach (var reference in constructor.DeclaringSyntaxReferences)
            {
                // A primary constructor is declared by the type declaration itself.
                if (reference.GetSyntax(_cancellationToken) is TypeDeclarationSyntax)
                {
                    foreach (var parameter in constructor.Parameters)
                    {
                        if (IsStoreType(parameter.Type))
                        {
                            yield return parameter;
                        }
                    }

                    yield break;
                }
            }
        }
    }

    private bool IsStoreType(ITypeSymbol type)
        => SymbolEqualityComparer.Default.Equals(type, _types.CacheStore)
            || type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i, _types.CacheStore));
}
