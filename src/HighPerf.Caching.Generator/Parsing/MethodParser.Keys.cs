using HighPerf.Caching.Generator.Model;
using Microsoft.CodeAnalysis;

namespace HighPerf.Caching.Generator.Parsing;

// Which CacheKeyBuilder call writes a parameter of each type. Only encodings that are equal for
// equal values on every machine qualify: no ToString(), no GetHashCode(), no unordered sets.
internal sealed partial class MethodParser
{
    private KeyPartModel? ResolveKey(ITypeSymbol type, out ITypeSymbol? unsupported)
    {
        unsupported = null;
        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean:
            case SpecialType.System_Char:
            case SpecialType.System_SByte:
            case SpecialType.System_Byte:
            case SpecialType.System_Int16:
            case SpecialType.System_UInt16:
            case SpecialType.System_Int32:
            case SpecialType.System_UInt32:
            case SpecialType.System_Int64:
            case SpecialType.System_UInt64:
            case SpecialType.System_Single:
            case SpecialType.System_Double:
            case SpecialType.System_Decimal:
            case SpecialType.System_String:
            case SpecialType.System_DateTime:
                return new KeyPartModel(KeyPartKind.Add, null);
            case SpecialType.System_IntPtr:
                return new KeyPartModel(KeyPartKind.NativeInt, null);
            case SpecialType.System_UIntPtr:
                return new KeyPartModel(KeyPartKind.NativeUInt, null);
        }

        if (type.TypeKind == TypeKind.Enum)
        {
            return new KeyPartModel(KeyPartKind.Enum, null);
        }

        if (type is IArrayTypeSymbol array)
        {
            if (array.IsSZArray && array.ElementType.SpecialType == SpecialType.System_Byte)
            {
                return new KeyPartModel(KeyPartKind.Add, null);
            }

            return array.IsSZArray ? Sequence(KeyPartKind.Array, array.ElementType, out unsupported) : Unsupported(type, out unsupported);
        }

        if (type is ITypeParameterSymbol typeParameter)
        {
            return ResolveTypeParameter(typeParameter, out unsupported);
        }

        if (type is not INamedTypeSymbol named)
        {
            return Unsupported(type, out unsupported);
        }

        foreach (var addable in _types.AddableStructs)
        {
            if (SymbolEqualityComparer.Default.Equals(named, addable))
            {
                return new KeyPartModel(KeyPartKind.Add, null);
            }
        }

        if (named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
        {
            var element = ResolveKey(named.TypeArguments[0], out unsupported);
            return element is null ? null : new KeyPartModel(KeyPartKind.Nullable, element);
        }

        if (KnownTypes.IsDefinition(named, _types.Memory) || KnownTypes.IsDefinition(named, _types.ReadOnlyMemory))
        {
            return named.TypeArguments[0].SpecialType switch
            {
                SpecialType.System_Byte => new KeyPartModel(KeyPartKind.ByteMemory, null),
                SpecialType.System_Char => new KeyPartModel(KeyPartKind.CharMemory, null),
                _ => Unsupported(type, out unsupported),
            };
        }

        // A type's own encoding wins over treating it as the collection it may also be.
        if (KnownTypes.Implements(named, _types.CacheKeyPart))
        {
            return new KeyPartModel(KeyPartKind.Part, null);
        }

        if (named.IsGenericType && named.TypeArguments.Length == 1)
        {
            var definition = named.OriginalDefinition;
            if (SymbolEqualityComparer.Default.Equals(definition, _types.ReadOnlyList)
                || SymbolEqualityComparer.Default.Equals(definition, _types.List)
                || definition.SpecialType == SpecialType.System_Collections_Generic_IList_T)
            {
                return Sequence(KeyPartKind.List, named.TypeArguments[0], out unsupported);
            }

            if (definition.SpecialType is SpecialType.System_Collections_Generic_IEnumerable_T or SpecialType.System_Collections_Generic_ICollection_T or SpecialType.System_Collections_Generic_IReadOnlyCollection_T)
            {
                return Sequence(KeyPartKind.Enumerable, named.TypeArguments[0], out unsupported);
            }
        }

        return Unsupported(type, out unsupported);
    }

    /// <summary>A type parameter of a containing type: keyed when its constraints promise an encoding.</summary>
    private KeyPartModel? ResolveTypeParameter(ITypeParameterSymbol typeParameter, out ITypeSymbol? unsupported)
    {
        unsupported = null;
        foreach (var constraint in typeParameter.ConstraintTypes)
        {
            if (KnownTypes.Implements(constraint, _types.CacheKeyPart))
            {
                return new KeyPartModel(KeyPartKind.Part, null);
            }

            // AddEnum<TEnum> asks for 'struct, Enum'.
            if (typeParameter.HasValueTypeConstraint && SymbolEqualityComparer.Default.Equals(constraint, _types.Enum))
            {
                return new KeyPartModel(KeyPartKind.Enum, null);
            }
        }

        return Unsupported(typeParameter, out unsupported);
    }

    private KeyPartModel? Sequence(KeyPartKind kind, ITypeSymbol elementType, out ITypeSymbol? unsupported)
    {
        var element = ResolveKey(elementType, out unsupported);
        return element is null ? null : new KeyPartModel(kind, element);
    }

    private static KeyPartModel? Unsupported(ITypeSymbol type, out ITypeSymbol? unsupported)
    {
        unsupported = type;
        return null;
    }
}
