using System.Globalization;
using HighPerf.Caching.Generator.Model;

namespace HighPerf.Caching.Generator.Emit;

// The key: the method's scope (prefix and identity, encoded once in a static field), then every key
// parameter in order, written into a stack buffer.
internal static partial class SourceEmitter
{
    private static void WriteKey(CodeWriter writer, MethodModel model)
    {
        writer.Line("var __builder = new global::HighPerf.Caching.CacheKeyBuilder(" + model.MemberPrefix + "_Scope, stackalloc byte[128]);");
        foreach (var parameter in model.Parameters)
        {
            if (parameter.Role == ParameterRole.Key)
            {
                WritePart(writer, parameter.Name, parameter.Key!, 0);
            }
        }

        writer.Line("var __key = __builder.ToCacheKey();");
    }

    private static void WritePart(CodeWriter writer, string value, KeyPartModel part, int depth)
    {
        switch (part.Kind)
        {
            case KeyPartKind.Add:
                writer.Line("__builder.Add(" + value + ");");
                break;
            case KeyPartKind.Enum:
                writer.Line("__builder.AddEnum(" + value + ");");
                break;
            case KeyPartKind.Part:
                writer.Line("__builder.AddPart(" + value + ");");
                break;
            case KeyPartKind.NativeInt:
                writer.Line("__builder.Add((long)" + value + ");");
                break;
            case KeyPartKind.NativeUInt:
                writer.Line("__builder.Add((ulong)" + value + ");");
                break;
            case KeyPartKind.ByteMemory:
                writer.Line("__builder.AddBytes(" + value + ".Span);");
                break;
            case KeyPartKind.CharMemory:
                writer.Line("__builder.Add(" + value + ".Span);");
                break;
            case KeyPartKind.Nullable:
                writer.Open("if (" + value + ".HasValue)");
                WritePart(writer, value + ".GetValueOrDefault()", part.Element!, depth);
                writer.Close();
                writer.Open("else");
                writer.Line("__builder.AddNull();");
                writer.Close();
                break;
            default:
                WriteSequence(writer, value, part, depth);
                break;
        }
    }

    /// <summary>A null sequence is a null part; otherwise its count, then its elements.</summary>
    private static void WriteSequence(CodeWriter writer, string value, KeyPartModel part, int depth)
    {
        var suffix = depth.ToString(CultureInfo.InvariantCulture);
        var item = "__item" + suffix;
        writer.Open("if (" + value + " is null)");
        writer.Line("__builder.AddNull();");
        writer.Close();
        writer.Open("else");
        switch (part.Kind)
        {
            case KeyPartKind.Array:
                writer.Line("__builder.BeginSequence(" + value + ".Length);");
                writer.Open("foreach (var " + item + " in " + value + ")");
                break;
            case KeyPartKind.List:
                var index = "__i" + suffix;
                writer.Line("__builder.BeginSequence(" + value + ".Count);");
                writer.Open("for (var " + index + " = 0; " + index + " < " + value + ".Count; " + index + "++)");
                writer.Line("var " + item + " = " + value + "[" + index + "];");
                break;
            default:
                // Counted without enumerating when the sequence knows its count; a lazy one is enumerated twice.
                var count = "__count" + suffix;
                writer.Open("if (!global::System.Linq.Enumerable.TryGetNonEnumeratedCount(" + value + ", out var " + count + "))");
                writer.Line(count + " = 0;");
                writer.Open("foreach (var __counted" + suffix + " in " + value + ")");
                writer.Line(count + "++;");
                writer.Close();
                writer.Close();
                writer.Line("__builder.BeginSequence(" + count + ");");
                writer.Open("foreach (var " + item + " in " + value + ")");
                break;
        }

        WritePart(writer, item, part.Element!, depth + 1);
        writer.Close();
        writer.Close();
    }
}
