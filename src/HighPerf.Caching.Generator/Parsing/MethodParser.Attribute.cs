using System.Globalization;
using System.Text;
using HighPerf.Caching.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HighPerf.Caching.Generator.Parsing;

// The [Cached] attribute's arguments: TTLs parsed at compile time, tag templates checked against the parameters.
internal sealed partial class MethodParser
{
    private sealed record CachedArguments(string? Ttl, string? LocalTtl, string? KeyPrefix, IReadOnlyList<string?>? Tags, string? Implementation);

    private CachedArguments ReadArguments()
    {
        string? ttl = null, localTtl = null, keyPrefix = null, implementation = null;
        List<string?>? tags = null;
        foreach (var argument in _attribute.NamedArguments)
        {
            var value = argument.Value;
            switch (argument.Key)
            {
                case "Ttl":
                    ttl = value.Value as string;
                    break;
                case "LocalTtl":
                    localTtl = value.Value as string;
                    break;
                case "KeyPrefix":
                    keyPrefix = value.Value as string;
                    break;
                case "Implementation":
                    implementation = value.Value as string;
                    break;
                case "Tags" when value.Kind == TypedConstantKind.Array && !value.IsNull:
                    tags = value.Values.Select(static v => v.Value as string).ToList();
                    break;
            }
        }

        return new CachedArguments(ttl, localTtl, keyPrefix, tags, implementation);
    }

    /// <summary>The TTL in ticks; invariant <see cref="TimeSpan"/> syntax with at least hours and minutes, so "5" cannot silently mean five days.</summary>
    private long? ParseTtl(string? text, string property)
    {
        if (text is null)
        {
            return null;
        }

        if (text.IndexOf(':') < 0 || !TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) || value <= TimeSpan.Zero)
        {
            Report(DiagnosticDescriptors.InvalidTtl, ArgumentLocation(property, -1), property, text, MethodDisplay);
            return null;
        }

        return value.Ticks;
    }

    private List<TagModel>? ParseTags(IReadOnlyList<string?>? tags)
    {
        var models = new List<TagModel>();
        if (tags is null)
        {
            return models;
        }

        var valid = true;
        for (var i = 0; i < tags.Count; i++)
        {
            var tag = tags[i];
            var segments = new List<TagSegment>();
            var problem = string.IsNullOrEmpty(tag) ? "is empty; a tag needs at least one character" : ParseTag(tag!, segments);
            if (problem is not null)
            {
                Report(DiagnosticDescriptors.InvalidTag, ArgumentLocation("Tags", i), tag ?? string.Empty, MethodDisplay, problem);
                valid = false;
                continue;
            }

            models.Add(new TagModel(segments.ToEquatableArray()));
        }

        return valid ? models : null;
    }

    /// <summary>Splits a template into literals and <c>{parameter}</c> placeholders (<c>{{</c> and <c>}}</c> are literal braces); returns what is wrong with it, if anything.</summary>
    private string? ParseTag(string tag, List<TagSegment> segments)
    {
        var literal = new StringBuilder();
        for (var i = 0; i < tag.Length; i++)
        {
            var c = tag[i];
            if (c == '}')
            {
                if (i + 1 < tag.Length && tag[i + 1] == '}')
                {
                    literal.Append('}');
                    i++;
                    continue;
                }

                return "has a '}' without a '{' (write '}}' for a literal brace)";
            }

            if (c != '{')
            {
                literal.Append(c);
                continue;
            }

            if (i + 1 < tag.Length && tag[i + 1] == '{')
            {
                literal.Append('{');
                i++;
                continue;
            }

            var end = tag.IndexOf('}', i + 1);
            if (end < 0)
            {
                return "has a '{' without a '}' (write '{{' for a literal brace)";
            }

            var name = tag.Substring(i + 1, end - i - 1);
            var parameter = _method.Parameters.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));
            if (parameter is null)
            {
                return "names '{" + name + "}', which is not a parameter of the method; placeholders are parameter names, e.g. '{" + (_method.Parameters.Length > 0 ? _method.Parameters[0].Name : "id") + "}'";
            }

            if (literal.Length > 0)
            {
                segments.Add(new TagSegment(literal.ToString(), TagFormat.Literal));
                literal.Clear();
            }

            segments.Add(new TagSegment(Formats.Escape(parameter.Name), TagFormatOf(parameter.Type)));
            i = end;
        }

        if (literal.Length > 0)
        {
            segments.Add(new TagSegment(literal.ToString(), TagFormat.Literal));
        }

        return null;
    }

    /// <summary>How a parameter's value is written into a tag: with the invariant culture when it is formattable.</summary>
    private TagFormat TagFormatOf(ITypeSymbol type)
    {
        if (type.SpecialType == SpecialType.System_String)
        {
            return TagFormat.String;
        }

        var nullable = type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T };
        var underlying = nullable ? ((INamedTypeSymbol)type).TypeArguments[0] : type;
        var canBeNull = nullable || !type.IsValueType;

        // Enum's IFormatProvider overloads are obsolete; its names do not depend on culture.
        if (underlying.TypeKind == TypeKind.Enum || underlying.SpecialType is SpecialType.System_Boolean)
        {
            return canBeNull ? TagFormat.NullablePlain : TagFormat.Plain;
        }

        if (HasInvariantToString(underlying))
        {
            return canBeNull ? TagFormat.NullableFormattable : TagFormat.Formattable;
        }

        if (KnownTypes.Implements(underlying, _types.Formattable))
        {
            return TagFormat.CastFormattable;
        }

        return canBeNull ? TagFormat.NullablePlain : TagFormat.Plain;
    }

    /// <summary>Whether the type has a public, not obsolete <c>ToString(string, IFormatProvider)</c>.</summary>
    private bool HasInvariantToString(ITypeSymbol type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers("ToString"))
            {
                if (member is IMethodSymbol { IsStatic: false, DeclaredAccessibility: Accessibility.Public, Parameters.Length: 2 } method
                    && method.Parameters[0].Type.SpecialType == SpecialType.System_String
                    && SymbolEqualityComparer.Default.Equals(method.Parameters[1].Type, _types.FormatProvider)
                    && !HasAttribute(method, _types.Obsolete))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The attribute argument <paramref name="name"/> (its <paramref name="element"/>-th element for an array), or the attribute when it cannot be found.</summary>
    private Location? ArgumentLocation(string name, int element)
    {
        if (_attribute.ApplicationSyntaxReference?.GetSyntax(_cancellationToken) is not AttributeSyntax syntax)
        {
            return _syntax.Identifier.GetLocation();
        }

        var argument = syntax.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name);
        if (argument is null)
        {
            return syntax.GetLocation();
        }

        if (element >= 0)
        {
            var elements = argument.Expression switch
            {
                ImplicitArrayCreationExpressionSyntax implicitArray => implicitArray.Initializer.Expressions.Select(static e => (SyntaxNode)e).ToList(),
                ArrayCreationExpressionSyntax explicitArray when explicitArray.Initializer is not null => explicitArray.Initializer.Expressions.Select(static e => (SyntaxNode)e).ToList(),
                CollectionExpressionSyntax collection => collection.Elements.Select(static e => (SyntaxNode)e).ToList(),
                _ => null,
            };
            if (elements is not null && element < elements.Count)
            {
                return elements[element].GetLocation();
            }
        }

        return argument.Expression.GetLocation();
    }
}
