using HighPerf.Caching.Generator.Model;
using Microsoft.CodeAnalysis;

namespace HighPerf.Caching.Generator.Parsing;

// The return type (its shape and the cached value's type) and the parameters (their roles and key encodings).
internal sealed partial class MethodParser
{
    private ReturnShape? ParseReturnType(out ITypeSymbol? valueType)
    {
        valueType = null;
        var returnType = _method.ReturnType;
        var location = _syntax.ReturnType.GetLocation();
        if (_method.ReturnsByRef || _method.ReturnsByRefReadonly)
        {
            return ReportReturn(location, returnType, "a reference to a variable is not a value that can be stored");
        }

        if (returnType.SpecialType == SpecialType.System_Void)
        {
            return ReportReturn(location, returnType, "there is no value to cache");
        }

        if (SymbolEqualityComparer.Default.Equals(returnType, _types.Task) || SymbolEqualityComparer.Default.Equals(returnType, _types.ValueTask))
        {
            return ReportReturn(location, returnType, "a task without a result has no value to cache");
        }

        ReturnShape shape;
        if (KnownTypes.IsDefinition(returnType, _types.ValueTaskOfT))
        {
            shape = ReturnShape.ValueTask;
            valueType = ((INamedTypeSymbol)returnType).TypeArguments[0];
        }
        else if (KnownTypes.IsDefinition(returnType, _types.TaskOfT))
        {
            shape = ReturnShape.Task;
            valueType = ((INamedTypeSymbol)returnType).TypeArguments[0];
        }
        else
        {
            shape = ReturnShape.Value;
            valueType = returnType;
        }

        if (UncacheableReason(valueType) is { } reason)
        {
            valueType = null;
            return ReportReturn(location, returnType, reason);
        }

        return shape;
    }

    /// <summary>Why values of <paramref name="type"/> cannot be stored and read back, or <see langword="null"/> when they can.</summary>
    private string? UncacheableReason(ITypeSymbol type)
    {
        if (type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer)
        {
            return "a pointer is an address in this process, not a value";
        }

        if (type.IsRefLikeType)
        {
            return "a ref struct cannot be stored on the heap";
        }

        if (type.TypeKind == TypeKind.Delegate || KnownTypes.IsOrDerivesFrom(type, _types.Compilation.GetSpecialType(SpecialType.System_Delegate)))
        {
            return "a delegate is code, not data";
        }

        if (type.TypeKind == TypeKind.Dynamic)
        {
            return "'dynamic' has no static type to serialize";
        }

        if (KnownTypes.IsOrDerivesFrom(type, _types.Task) || SymbolEqualityComparer.Default.Equals(type, _types.ValueTask) || KnownTypes.IsDefinition(type, _types.ValueTaskOfT))
        {
            return "a task is a computation in progress, not its result";
        }

        if (KnownTypes.Implements(type, _types.AsyncEnumerable) || KnownTypes.Implements(type, _types.AsyncEnumerator) || KnownTypes.Implements(type, _types.Enumerator))
        {
            return "an async stream or an enumerator is consumed as it is read; cache a list or an array of its items";
        }

        if (KnownTypes.IsOrDerivesFrom(type, _types.Stream))
        {
            return "a stream is read once; cache its bytes (byte[]) instead";
        }

        if (KnownTypes.IsOrDerivesFrom(type, _types.MemberInfo))
        {
            return "a Type or member of reflection is not data";
        }

        if (_types.IsCancellationToken(type))
        {
            return "a CancellationToken belongs to one operation";
        }

        return null;
    }

    private ReturnShape? ReportReturn(Location location, ITypeSymbol returnType, string reason)
    {
        Report(DiagnosticDescriptors.UncacheableReturn, location, MethodDisplay, returnType.ToDisplayString(Formats.Message), reason);
        return null;
    }

    private List<ParameterModel>? ParseParameters()
    {
        var parameters = new List<ParameterModel>(_method.Parameters.Length);
        var valid = true;
        foreach (var parameter in _method.Parameters)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            var location = parameter.Locations.Length > 0 ? parameter.Locations[0] : _syntax.Identifier.GetLocation();
            if (UnsupportedParameterReason(parameter) is { } reason)
            {
                Report(DiagnosticDescriptors.UnsupportedParameter, location, parameter.Name, MethodDisplay, reason);
                valid = false;
                continue;
            }

            var role = _types.IsCancellationToken(parameter.Type) ? ParameterRole.CancellationToken
                : HasAttribute(parameter, _types.NotCacheKeyAttribute) ? ParameterRole.NotKey
                : ParameterRole.Key;
            KeyPartModel? key = null;
            if (role == ParameterRole.Key)
            {
                key = ResolveKey(parameter.Type, out var unsupported);
                if (key is null)
                {
                    Report(DiagnosticDescriptors.NoKeyEncoding, location, parameter.Name, MethodDisplay, unsupported!.ToDisplayString(Formats.Message));
                    valid = false;
                    continue;
                }
            }

            var modifier = parameter.IsParams ? "params " : parameter.Ordinal == 0 && _method.IsExtensionMethod ? "this " : string.Empty;
            parameters.Add(new ParameterModel(Formats.Escape(parameter.Name), parameter.Type.ToCode(), modifier, role, key));
        }

        return valid ? parameters : null;
    }

    private static string? UnsupportedParameterReason(IParameterSymbol parameter)
    {
        var byReference = parameter.RefKind switch
        {
            RefKind.None => null,
            RefKind.Out => "an 'out' parameter",
            RefKind.Ref => "a 'ref' parameter",
            RefKind.In => "an 'in' parameter",
            _ => "a 'ref readonly' parameter",
        };
        if (byReference is not null)
        {
            return byReference;
        }

        if (parameter.Type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer)
        {
            return "a pointer";
        }

        if (parameter.Type.IsRefLikeType)
        {
            return "a ref struct ('" + parameter.Type.ToDisplayString(Formats.Message) + "')";
        }

        return null;
    }

    private static bool HasAttribute(ISymbol symbol, INamedTypeSymbol? attributeType)
    {
        if (attributeType is null)
        {
            return false;
        }

        foreach (var attribute in symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeType))
            {
                return true;
            }
        }

        return false;
    }
}
