using HighPerf.Caching.Generator.Model;

namespace HighPerf.Caching.Generator.Emit;

// The miss path: GetOrCreateAsync with a state tuple and a static lambda (no closure), the
// implementation's result adapted to a ValueTask, tags built only here.
internal static partial class SourceEmitter
{
    private static void WriteMiss(CodeWriter writer, MethodModel model)
    {
        var state = new List<(string Type, string Value)>();
        var implementation = model.Implementation;
        if (!implementation.IsStatic)
        {
            state.Add((model.SelfType, "this"));
        }

        // The state carries every parameter the implementation takes, in the cached method's order.
        var stateIndex = new Dictionary<int, int>();
        foreach (var argument in implementation.Arguments)
        {
            if (argument >= 0)
            {
                stateIndex[argument] = state.Count;
                var parameter = model.Parameters[argument];

                state.Add((parameter.Type, parameter.Name));
            }
        }

        var (stateType, stateValue) = state.Count switch
        {
            0 => ("global::System.ValueTuple", "default(global::System.ValueTuple)"),
            1 => (state[0].Type, state[0].Value),
            _ => ("(" + string.Join(", ", state.Select(static s => s.Type)) + ")", "(" + string.Join(", ", state.Select(static s => s.Value)) + ")"),
        };
        string Access(int index) => state.Count == 1 ? "__state" : "__state.Item" + (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var target = implementation.IsStatic ? model.SelfType : Access(0);
        var arguments = string.Join(", ", implementation.Arguments.Select(a => a < 0 ? "__cancellationToken" : Access(stateIndex[a])));
        var call = target + "." + implementation.Name + "(" + arguments + ")";
        var factory = implementation.Shape == ReturnShape.ValueTask ? call : "new " + TaskNamespace + "ValueTask<" + model.ValueType + ">(" + call + ")";

        var token = "default";
        foreach (var parameter in model.Parameters)
        {
            if (parameter.Role == ParameterRole.CancellationToken)
            {
                token = parameter.Name;
                break;
            }
        }

        var getOrCreate = model.Store + ".GetOrCreateAsync<" + stateType + ", " + model.ValueType + ">(";
        var start = model.Shape switch
        {
            ReturnShape.ValueTask => "return " + getOrCreate,
            ReturnShape.Task => "return " + getOrCreate,
            _ => "var __pending = " + getOrCreate,
        };
        writer.Line(start);
        writer.Line("    __key,");
        writer.Line("    " + stateValue + ",");
        writer.Line("    static (__state, __cancellationToken) => " + factory + ",");
        writer.Line("    " + (model.HasOptions ? model.MemberPrefix + "_Options" : "null") + ",");
        writer.Line("    " + TagsArgument(model) + ",");
        writer.Line("    " + token + ")" + (model.Shape == ReturnShape.Task ? ".AsTask();" : ";"));
        if (model.Shape == ReturnShape.Value)
        {
            // The synchronous shape blocks this thread until the value is computed (or read from L2).
            writer.Line("return __pending.IsCompletedSuccessfully ? __pending.Result : __pending.AsTask().GetAwaiter().GetResult();");
        }
    }

    private static string TagsArgument(MethodModel model)
    {
        if (model.Tags.Count == 0)
        {
            return "null";
        }

        return AllTagsConstant(model)
            ? model.MemberPrefix + "_Tags"
            : "new string[] { " + string.Join(", ", model.Tags.Select(TagExpression)) + " }";
    }

    /// <summary>A tag's value: literals and parameter values concatenated, never <see langword="null"/>.</summary>
    private static string TagExpression(TagModel tag)
    {
        if (tag.Segments.Count == 1)
        {
            var only = tag.Segments[0];
            return only.Format == TagFormat.Literal ? Segment(only) : "(" + Segment(only) + " ?? \"\")";
        }

        return string.Join(" + ", tag.Segments.Select(static s => s.Format is TagFormat.Literal or TagFormat.String ? Segment(s) : "(" + Segment(s) + ")"));
    }

    private static string Segment(TagSegment segment) => segment.Format switch
    {
        TagFormat.Literal => Literal(segment.Text),
        TagFormat.String => segment.Text,
        TagFormat.Formattable => segment.Text + ".ToString(null, " + Invariant + ")",
        TagFormat.NullableFormattable => segment.Text + "?.ToString(null, " + Invariant + ")",
        TagFormat.CastFormattable => "((global::System.IFormattable?)" + segment.Text + ")?.ToString(null, " + Invariant + ")",
        TagFormat.Plain => segment.Text + ".ToString()",
        _ => segment.Text + "?.ToString()",
    };
}
