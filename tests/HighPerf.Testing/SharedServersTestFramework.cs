using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace HighPerf.Testing;

/// <summary>
/// xunit's own test framework, plus stopping the <see cref="SharedServers"/> once the assembly's last test has
/// run, before xunit reports the run finished. Process exit is too late for that: <c>dotnet test</c> kills the
/// test host about 100 ms after the run, mid-shutdown. Declare it once in each test assembly that uses shared
/// servers:
/// <code>
/// [assembly: TestFramework(SharedServersTestFramework.TypeName, SharedServersTestFramework.AssemblyName)]
/// </code>
/// </summary>
/// <param name="messageSink">xunit's diagnostic message sink.</param>
public sealed class SharedServersTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    /// <summary>The full type name, for <c>[assembly: TestFramework]</c>.</summary>
    public const string TypeName = "HighPerf.Testing.SharedServersTestFramework";

    /// <summary>The assembly name, for <c>[assembly: TestFramework]</c>.</summary>
    public const string AssemblyName = "HighPerf.Testing";

    /// <inheritdoc/>
    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Executor(AssemblyName assemblyName, ISourceInformationProvider sourceInformationProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkExecutor(assemblyName, sourceInformationProvider, diagnosticMessageSink)
    {
        // Mirrors the base method, which xunit declares async void; only the runner differs.
        protected override async void RunTestCases(
            IEnumerable<IXunitTestCase> testCases,
            IMessageSink executionMessageSink,
            ITestFrameworkExecutionOptions executionOptions)
        {
            using var runner = new AssemblyRunner(TestAssembly, testCases, DiagnosticMessageSink, executionMessageSink, executionOptions);
            await runner.RunAsync();
        }
    }

    private sealed class AssemblyRunner(
        ITestAssembly testAssembly,
        IEnumerable<IXunitTestCase> testCases,
        IMessageSink diagnosticMessageSink,
        IMessageSink executionMessageSink,
        ITestFrameworkExecutionOptions executionOptions)
        : XunitTestAssemblyRunner(testAssembly, testCases, diagnosticMessageSink, executionMessageSink, executionOptions)
    {
        protected override async Task BeforeTestAssemblyFinishedAsync()
        {
            // A failed stop surfaces as a test assembly cleanup failure.
            await SharedServers.StopAllAsync();
            await base.BeforeTestAssemblyFinishedAsync();
        }
    }
}
