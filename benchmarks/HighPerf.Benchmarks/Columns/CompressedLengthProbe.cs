using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Running;

namespace HighPerf.Benchmarks.Columns;

/// <summary>
/// Runs a benchmark case once in this (the host) process and keeps the compressed length it returns.
/// The measured runs happen in child processes that cannot hand a value back, and one more
/// invocation is cheap next to them; it also means the ratio comes from the very code measured.
/// </summary>
public static class CompressedLengthProbe
{
    private static readonly ConcurrentDictionary<string, int> s_lengths = new(StringComparer.Ordinal);

    /// <summary>The compressed length the case produces or reads, or -1 when it could not be run.</summary>
    public static int Get(BenchmarkCase benchmarkCase)
        => s_lengths.GetOrAdd(
            benchmarkCase.Descriptor.GetFilterName() + "|" + benchmarkCase.Parameters.DisplayInfo,
            _ => Run(benchmarkCase));

    private static int Run(BenchmarkCase benchmarkCase)
    {
        var descriptor = benchmarkCase.Descriptor;
        var instance = Activator.CreateInstance(descriptor.Type)
            ?? throw new InvalidOperationException($"Could not create {descriptor.Type}.");
        try
        {
            foreach (var parameter in benchmarkCase.Parameters.Items)
            {
                Assign(instance, parameter.Name, parameter.Value);
            }

            descriptor.GlobalSetupMethod?.Invoke(instance, null);
            try
            {
                var result = descriptor.WorkloadMethod.Invoke(instance, null);
                return Convert.ToInt32(result, CultureInfo.InvariantCulture);
            }
            finally
            {
                descriptor.GlobalCleanupMethod?.Invoke(instance, null);
            }
        }
        catch (Exception e) when (e is TargetInvocationException or InvalidOperationException or IOException or InvalidCastException)
        {
            // A column cannot fail a finished run; the report checks ratios itself and says so.
            Console.Error.WriteLine($"// Compression ratio of {descriptor.DisplayInfo}: {(e.InnerException ?? e).Message}");
            return -1;
        }
    }

    private static void Assign(object instance, string name, object? value)
    {
        const BindingFlags Members = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static;
        var type = instance.GetType();
        if (type.GetProperty(name, Members) is { } property)
        {
            property.SetValue(property.GetMethod!.IsStatic ? null : instance, value);
        }
        else if (type.GetField(name, Members) is { } field)
        {
            field.SetValue(field.IsStatic ? null : instance, value);
        }
        else
        {
            throw new InvalidOperationException($"{type} has no public member {name} to set.");
        }
    }
}
