using System.Text;
using HighPerf.Caching.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HighPerf.Caching.Generator.Parsing;

/// <summary>What the pipeline keeps of one <c>[Cached]</c> method: the model to emit, or why there is none.</summary>
internal sealed record ParseResult(MethodModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>
/// Turns one <c>[Cached]</c> method into a <see cref="MethodModel"/>, checking everything the
/// generated code relies on; each problem becomes a diagnostic and no code is generated for the
/// method. One file per concern: the signature, key encodings, the attribute's arguments, the
/// store and the implementation method.
/// </summary>
internal sealed partial class MethodParser
{
    private readonly IMethodSymbol _method;
    private readonly MethodDeclarationSyntax _syntax;
    private readonly AttributeData _attribute;
    private readonly KnownTypes _types;
    private readonly CancellationToken _cancellationToken;
    private readonly List<DiagnosticInfo> _diagnostics = [];

    private MethodParser(IMethodSymbol method, MethodDeclarationSyntax syntax, AttributeData attribute, KnownTypes types, CancellationToken cancellationToken)
    {
        _method = method;
        _syntax = syntax;
        _attribute = attribute;
        _types = types;
        _cancellationToken = cancellationToken;
    }

    /// <summary><c>Type.Method</c>, as messages name the method.</summary>
    private string MethodDisplay => _method.ContainingType.Name + "." + _method.Name;

    private INamedTypeSymbol ContainingType => _method.ContainingType;

    public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not IMethodSymbol method || context.TargetNode is not MethodDeclarationSyntax syntax || context.Attributes.Length == 0)
        {
            return new ParseResult(null, EquatableArray<DiagnosticInfo>.Empty);
        }

        var parser = new MethodParser(method, syntax, context.Attributes[0], new KnownTypes(context.SemanticModel.Compilation), cancellationToken);
        var model = parser.Build();
        return new ParseResult(model, parser._diagnostics.ToEquatableArray());
    }

    private MethodModel? Build()
    {
        var arguments = ReadArguments();
        var implementationName = arguments.Implementation ?? DefaultImplementationName(_method.Name);

        // A body written by hand, on this part or on another part of the same method, leaves nothing to generate.
        if (!_syntax.Modifiers.Any(SyntaxKind.PartialKeyword) || _syntax.Body is not null || _syntax.ExpressionBody is not null || _method.PartialImplementationPart is not null)
        {
            Report(DiagnosticDescriptors.NotPartial, _syntax.Identifier.GetLocation(), MethodDisplay, implementationName);
            return null;
        }

        // The compiler reports types it cannot bind; generating against them would only add noise.
        if (HasErrorTypes())
        {
            return null;
        }

        if (!CheckContainingTypes())
        {
            return null;
        }

        var shape = ParseReturnType(out var valueType);
        var parameters = ParseParameters();
        var expiration = ParseTtl(arguments.Ttl, "Ttl");
        var localExpiration = ParseTtl(arguments.LocalTtl, "LocalTtl");
        var tags = ParseTags(arguments.Tags);
        var store = FindStore();
        ImplementationModel? implementation = null;
        if (shape is not null && valueType is not null && parameters is not null)
        {
            implementation = FindImplementation(implementationName, valueType);
        }

        if (_diagnostics.Count > 0 || shape is null || valueType is null || parameters is null || store is null || implementation is null || tags is null)
        {
            return null;
        }

        return new MethodModel(
            HintName: HintName(),
            Namespace: ContainingType.ContainingNamespace.IsGlobalNamespace ? null : ContainingType.ContainingNamespace.ToDisplayString(),
            ContainingTypes: ContainingTypeModels(),
            SelfType: ContainingType.ToCode(),
            TypeParameters: TypeParameterNames(),
            Modifiers: Modifiers(),
            Name: _method.Name,
            Shape: shape.Value,
            ReturnType: _method.ReturnType.ToCode(),
            ValueType: valueType.ToCode(),
            Parameters: parameters.ToEquatableArray(),
            Store: store,
            IsStatic: _method.IsStatic,
            KeyPrefix: arguments.KeyPrefix ?? _method.Name,
            Identity: Identity(),
            ExpirationTicks: expiration,
            LocalExpirationTicks: localExpiration,
            Tags: tags.ToEquatableArray(),
            MemberPrefix: MemberPrefix(),
            Implementation: implementation);
    }

    /// <summary><c>GetUserAsync</c> → <c>GetUserCoreAsync</c>, <c>Compute</c> → <c>ComputeCore</c> (CachedAttribute's rule).</summary>
    internal static string DefaultImplementationName(string name)
        => name.EndsWith("Async", StringComparison.Ordinal)
            ? name.Substring(0, name.Length - "Async".Length) + "CoreAsync"
            : name + "Core";

    private bool HasErrorTypes()
    {
        if (_method.ReturnType.TypeKind == TypeKind.Error)
        {
            return true;
        }

        foreach (var parameter in _method.Parameters)
        {
            if (parameter.Type.TypeKind == TypeKind.Error)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Each containing type is re-declared as a partial part, so each must be partial, and of a kind the generated body can work in.</summary>
    private bool CheckContainingTypes()
    {
        if (_method.IsGenericMethod)
        {
            Report(DiagnosticDescriptors.Unsupported, _syntax.Identifier.GetLocation(), MethodDisplay, "generic methods cannot be cached (their keys would depend on the type arguments); make a non-generic method for each type");
            return false;
        }

        if (ContainingType.TypeKind == TypeKind.Interface)
        {
            Report(DiagnosticDescriptors.Unsupported, _syntax.Identifier.GetLocation(), MethodDisplay, "methods of interfaces cannot be cached; declare it in a class or struct");
            return false;
        }

        if (ContainingType.IsRefLikeType)
        {
            Report(DiagnosticDescriptors.Unsupported, _syntax.Identifier.GetLocation(), MethodDisplay, "methods of ref structs cannot be cached (the value is computed after the call returns)");
            return false;
        }

        for (var node = _syntax.Parent; node is not null; node = node.Parent)
        {
            if (node is TypeDeclarationSyntax type && !type.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                Report(DiagnosticDescriptors.ContainingTypeNotPartial, type.Identifier.GetLocation(), type.Identifier.ValueText, MethodDisplay);
                return false;
            }
        }

        return true;
    }

    private EquatableArray<ContainingTypeModel> ContainingTypeModels()
    {
        var types = new List<ContainingTypeModel>();
        for (var type = ContainingType; type is not null; type = type.ContainingType)
        {
            var keyword = (type.TypeKind, type.IsRecord) switch
            {
                (TypeKind.Struct, true) => "record struct",
                (TypeKind.Struct, false) => "struct",
                (_, true) => "record",
                _ => "class",
            };
            var name = Formats.Escape(type.Name);
            if (type.TypeParameters.Length > 0)
            {
                name += "<" + string.Join(", ", type.TypeParameters.Select(static p => Formats.Escape(p.Name))) + ">";
            }

            types.Insert(0, new ContainingTypeModel(keyword, name));
        }

        return types.ToEquatableArray();
    }

    private EquatableArray<string> TypeParameterNames()
    {
        var names = new List<string>();
        for (var type = ContainingType; type is not null; type = type.ContainingType)
        {
            names.InsertRange(0, type.TypeParameters.Select(static p => Formats.Escape(p.Name)));
        }

        return names.ToEquatableArray();
    }

    /// <summary>The declaration's modifiers, in its order, with <c>partial</c> last (where C# requires it).</summary>
    private string Modifiers()
    {
        var modifiers = new StringBuilder();
        foreach (var modifier in _syntax.Modifiers)
        {
            if (!modifier.IsKind(SyntaxKind.PartialKeyword) && !modifier.IsKind(SyntaxKind.AsyncKeyword))
            {
                modifiers.Append(modifier.ValueText).Append(' ');
            }
        }

        return modifiers.Append("partial").ToString();
    }

    /// <summary>
    /// <c>Namespace.Type.Method(parameter types)</c>: part of every key, so that two methods with
    /// equal arguments never share an entry. Type arguments of generic containing types are added
    /// at run time by the generated code.
    /// </summary>
    private string Identity()
    {
        var identity = new StringBuilder(ContainingType.ToDisplayString(Formats.Identity)).Append('.').Append(_method.Name).Append('(');
        for (var i = 0; i < _method.Parameters.Length; i++)
        {
            if (i > 0)
            {
                identity.Append(", ");
            }

            identity.Append(_method.Parameters[i].Type.ToDisplayString(Formats.Identity));
        }

        return identity.Append(')').ToString();
    }

    /// <summary>The start of the names of the generated static members; overloads get their position among the type's methods of that name.</summary>
    private string MemberPrefix()
    {
        var overloads = ContainingType.GetMembers(_method.Name).OfType<IMethodSymbol>().ToList();
        if (overloads.Count <= 1)
        {
            return "__" + _method.Name;
        }

        var index = overloads.FindIndex(m => SymbolEqualityComparer.Default.Equals(m, _method));
        return "__" + _method.Name + "_" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private string HintName()
    {
        var name = new StringBuilder();
        var types = new List<string>();
        for (var type = ContainingType; type is not null; type = type.ContainingType)
        {
            types.Insert(0, type.MetadataName);
        }

        if (!ContainingType.ContainingNamespace.IsGlobalNamespace)
        {
            name.Append(ContainingType.ContainingNamespace.ToDisplayString()).Append('.');
        }

        name.Append(string.Join(".", types)).Append('.').Append(MemberPrefix().Substring(2)).Append(".g.cs");
        for (var i = 0; i < name.Length; i++)
        {
            if (!char.IsLetterOrDigit(name[i]) && name[i] is not '.' and not '_')
            {
                name[i] = '_';
            }
        }

        return name.ToString();
    }

    private void Report(DiagnosticDescriptor descriptor, Location? location, params string[] arguments)
        => _diagnostics.Add(DiagnosticInfo.Create(descriptor, location, arguments));
}
