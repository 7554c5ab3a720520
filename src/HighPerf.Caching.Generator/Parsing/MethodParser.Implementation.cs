using HighPerf.Caching.Generator.Model;
using Microsoft.CodeAnalysis;

namespace HighPerf.Caching.Generator.Parsing;

// The method that computes the value on a miss: the same parameters as the [Cached] method, in
// order, except that it may take or leave out CancellationTokens (it gets the factory's token);
// it may return T, Task<T> or ValueTask<T> whatever the cached method returns.
internal sealed partial class MethodParser
{
    private ImplementationModel? FindImplementation(string name, ITypeSymbol valueType)
    {
        var candidates = new List<IMethodSymbol>();
        for (var type = ContainingType; type is not null; type = type.BaseType)
        {
            foreach (var member in type.GetMembers(name))
            {
                if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary } method
                    && (SymbolEqualityComparer.Default.Equals(type, ContainingType) || _types.Compilation.IsSymbolAccessibleWithin(method, ContainingType)))
                {
                    candidates.Add(method);
                }
            }
        }

        if (candidates.Count == 0)
        {
            Report(DiagnosticDescriptors.MissingImplementation, _syntax.Identifier.GetLocation(), MethodDisplay, name, ContainingType.Name);
            return null;
        }

        string? firstProblem = null;
        IMethodSymbol? firstCandidate = null;
        foreach (var candidate in candidates)
        {
            var model = Match(candidate, valueType, out var problem);
            if (model is not null)
            {
                return model;
            }

            firstProblem ??= problem;
            firstCandidate ??= candidate;
        }

        var location = firstCandidate!.Locations.FirstOrDefault(static l => l.IsInSource) ?? _syntax.Identifier.GetLocation();
        Report(DiagnosticDescriptors.MismatchedImplementation, location, firstCandidate.ContainingType.Name + "." + firstCandidate.Name, MethodDisplay, firstProblem!);
        return null;
    }

    private ImplementationModel? Match(IMethodSymbol candidate, ITypeSymbol valueType, out string? problem)
    {
        problem = null;
        if (SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, _method.OriginalDefinition))
        {
            problem = "it is the [Cached] method itself";
            return null;
        }

        if (candidate.IsGenericMethod)
        {
            problem = "it is generic";
            return null;
        }

        if (_method.IsStatic && !candidate.IsStatic)
        {
            problem = "it is an instance method and the [Cached] method is static";
            return null;
        }

        var arguments = new List<int>(candidate.Parameters.Length);
        var next = 0;
        foreach (var parameter in candidate.Parameters)
        {
            if (parameter.RefKind != RefKind.None)
            {
                problem = "its parameter '" + parameter.Name + "' is passed by reference";
                return null;
            }

            if (_types.IsCancellationToken(parameter.Type))
            {
                arguments.Add(-1);
                continue;
            }

            next = NextNonToken(next);
            if (next >= _method.Parameters.Length)
            {
                problem = "it takes parameter '" + parameter.Name + "', which the [Cached] method does not have";
                return null;
            }

            var expected = _method.Parameters[next];
            if (!SymbolEqualityComparer.Default.Equals(parameter.Type, expected.Type))
            {
                problem = "its parameter '" + parameter.Name + "' is '" + parameter.Type.ToDisplayString(Formats.Message) + "' where '"
                    + expected.Type.ToDisplayString(Formats.Message) + "' (the type of '" + expected.Name + "') is expected";
                return null;
            }

            arguments.Add(next);
            next++;
        }

        next = NextNonToken(next);
        if (next < _method.Parameters.Length)
        {
            problem = "it does not take parameter '" + _method.Parameters[next].Name + "' ('" + _method.Parameters[next].Type.ToDisplayString(Formats.Message) + "'); it must take every parameter of the [Cached] method, in order (CancellationTokens may be left out)";
            return null;
        }

        var returnType = candidate.ReturnType;
        ReturnShape shape;
        ITypeSymbol returned;
        if (KnownTypes.IsDefinition(returnType, _types.ValueTaskOfT))
        {
            shape = ReturnShape.ValueTask;
            returned = ((INamedTypeSymbol)returnType).TypeArguments[0];
        }
        else if (KnownTypes.IsDefinition(returnType, _types.TaskOfT))
        {
            shape = ReturnShape.Task;
            returned = ((INamedTypeSymbol)returnType).TypeArguments[0];
        }
        else
        {
            shape = ReturnShape.Value;
            returned = returnType;
        }

        if (candidate.ReturnsByRef || candidate.ReturnsByRefReadonly || !SymbolEqualityComparer.Default.Equals(returned, valueType))
        {
            var value = valueType.ToDisplayString(Formats.Message);
            problem = "it returns '" + returnType.ToDisplayString(Formats.Message) + "'; it must return '" + value + "', 'Task<" + value + ">' or 'ValueTask<" + value + ">'";
            return null;
        }

        return new ImplementationModel(Formats.Escape(candidate.Name), candidate.IsStatic, shape, new EquatableArray<int>(arguments.ToArray()));
    }

    private int NextNonToken(int index)
    {
        while (index < _method.Parameters.Length && _types.IsCancellationToken(_method.Parameters[index].Type))
        {
            index++;
        }

        return index;
    }
}
