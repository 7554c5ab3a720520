using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace HighPerf.Caching.Generator.Parsing;

/// <summary>How symbols are written: in generated code, in the key's method identity, and in messages.</summary>
internal static class Formats
{
    /// <summary><c>global::</c>-qualified, with nullable annotations, so that the generated part matches the declaration exactly.</summary>
    public static readonly SymbolDisplayFormat Code = SymbolDisplayFormat.FullyQualifiedFormat.WithMiscellaneousOptions(
        SymbolDisplayFormat.FullyQualifiedFormat.MiscellaneousOptions | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>
    /// The form of type names inside a key's method identity: namespaces and containing types, C#
    /// keywords for the special types, no <c>global::</c> and no nullable annotations (which do not
    /// change what a call computes). Part of every key: changing it changes every generated key.
    /// </summary>
    public static readonly SymbolDisplayFormat Identity = new(
        globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Omitted,
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

    /// <summary>Types in diagnostic messages.</summary>
    public static readonly SymbolDisplayFormat Message = SymbolDisplayFormat.CSharpErrorMessageFormat;

    public static string ToCode(this ITypeSymbol type) => type.ToDisplayString(Code);

    /// <summary>An identifier as it can be written in code: keywords get an <c>@</c>.</summary>
    public static string Escape(string name)
        => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
}
