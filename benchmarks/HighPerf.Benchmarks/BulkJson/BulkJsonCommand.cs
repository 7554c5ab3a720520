using System.Globalization;
using System.Text.Json;

namespace HighPerf.Benchmarks.BulkJson;

/// <summary>
/// The in-process halves of <c>benchmarks/load/bulk-json.sh</c>: <c>bulk-json generate FILE [ROWS]</c> writes the body,
/// <c>bulk-json duckdb FILE [RUNS]</c> times DuckDB's own <c>read_json</c> on it and <c>bulk-json profile FILE [RUNS]</c>
/// times the sample's loader by stage. The last two end with one JSON line the script reads.
/// </summary>
internal static class BulkJsonCommand
{
    public static int Run(IReadOnlyList<string> args)
    {
        if (args.Count < 2)
        {
            return Usage();
        }

        var file = args[1];
        switch (args[0])
        {
            case "generate":
                var rows = args.Count > 2 ? long.Parse(args[2], CultureInfo.InvariantCulture) : 1_000_000;
                BulkJsonBody.Write(file, rows);
                Console.WriteLine($"{rows} events, {new FileInfo(file).Length} bytes: {file}");
                return 0;
            case "duckdb":
                var (insert, insertCpu, read, stored) = DuckDbReadJsonBaseline.Run(file, Runs(args));
                Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object> { ["rows"] = stored, ["insert_ms"] = insert, ["insert_cpu_ms"] = insertCpu, ["read_ms"] = read }));
                return 0;
            case "profile":
                var stages = BulkLoaderProfile.Run(file, Runs(args));
                var output = new Dictionary<string, object>(StringComparer.Ordinal);
                foreach (var (name, stage) in stages)
                {
                    output[name + "_ms"] = stage.WallMs;
                    output[name + "_cpu_ms"] = stage.CpuMs;
                }

                Console.WriteLine(JsonSerializer.Serialize(output));
                return 0;
            default:
                return Usage();
        }
    }

    private static int Runs(IReadOnlyList<string> args) => args.Count > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;

    private static int Usage()
    {
        Console.Error.WriteLine("usage: HighPerf.Benchmarks bulk-json generate FILE [ROWS] | duckdb FILE [RUNS] | profile FILE [RUNS]");
        return 2;
    }
}
