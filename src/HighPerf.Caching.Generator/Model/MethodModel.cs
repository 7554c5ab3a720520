namespace HighPerf.Caching.Generator.Model;

/// <summary>What the cached method returns: the value itself, or a task of it.</summary>
internal enum ReturnShape
{
    ValueTask,
    Task,
    Value,
}

/// <summary>
/// Everything the emitter needs to write one <c>[Cached]</c> method's body: names and types as
/// fully qualified source text, no symbols, so that equal inputs give equal models.
/// </summary>
internal sealed record MethodModel(
    string HintName,
    string? Namespace,
    EquatableArray<ContainingTypeModel> ContainingTypes,
    string SelfType,
    EquatableArray<string> TypeParameters,
    string Modifiers,
    string Name,
    ReturnShape Shape,
    string ReturnType,
    string ValueType,
    EquatableArray<ParameterModel> Parameters,
    string Store,
    bool IsStatic,
    string KeyPrefix,
    string Identity,
    long? ExpirationTicks,
    long? LocalExpirationTicks,
    EquatableArray<TagModel> Tags,
    string MemberPrefix,
    ImplementationModel Implementation)
{
    public bool HasOptions => ExpirationTicks is not null || LocalExpirationTicks is not null;

    /// <summary>Whether the identity depends on the containing types' type arguments, known only at run time.</summary>
    public bool HasGenericIdentity => TypeParameters.Count > 0;
}

/// <summary>One of the types that contain the method, outermost first: <c>class</c>, <c>struct</c>, <c>record</c> or <c>record struct</c>, and its name with type parameters.</summary>
internal sealed record ContainingTypeModel(string Keyword, string Name);

/// <summary>How a parameter takes part in the call.</summary>
internal enum ParameterRole
{
    /// <summary>Part of the key.</summary>
    Key,

    /// <summary>Marked <c>[NotCacheKey]</c>: passed to the implementation only.</summary>
    NotKey,

    /// <summary>A <see cref="System.Threading.CancellationToken"/>: the first one is the caller's token for the store.</summary>
    CancellationToken,
}

/// <summary>A parameter: its escaped name, its type as written in the implementation part, and how it is keyed.</summary>
internal sealed record ParameterModel(string Name, string Type, string Modifier, ParameterRole Role, KeyPartModel? Key);

/// <summary>The method called on a miss and how its result becomes a <c>ValueTask</c>.</summary>
/// <param name="Arguments">For each of its parameters, the index of the cached method's parameter passed to it, or -1 for the factory's token.</param>
internal sealed record ImplementationModel(string Name, bool IsStatic, ReturnShape Shape, EquatableArray<int> Arguments);
