using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace HighPerf.Sample.Tests;

/// <summary>The built sample host, started as a process on a free loopback port, shared by a test class.</summary>
public class SampleHost : IAsyncLifetime
{
    private readonly StringBuilder _output = new();
    private readonly string[] _arguments;
    private Process? _process;
    private DirectoryInfo? _dataDirectory;

    public SampleHost()
        : this([])
    {
    }

    /// <summary>A host started with extra command-line configuration, e.g. <c>--HighPerf:Seed:Events=0</c>.</summary>
    protected SampleHost(string[] arguments)
    {
        _arguments = arguments;
    }

    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        _dataDirectory = Directory.CreateTempSubdirectory("highperf-sample-");

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(SampleAssemblyPath());
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(BaseAddress.ToString());
        start.ArgumentList.Add($"--HighPerf:DataDirectory={_dataDirectory.FullName}");
        foreach (var argument in _arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";

        // The embedded defaults: no server at all, whatever the machine running the tests has set.
        start.Environment.Remove("REDIS_URL");
        start.Environment.Remove("VALKEY_URL");

        _process = Process.Start(start) ?? throw new InvalidOperationException("The sample host did not start.");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var client = new HttpClient { BaseAddress = BaseAddress };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The sample host exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var health = await client.GetAsync("/health");
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The sample host did not become healthy:\n{Output}");
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _dataDirectory?.Delete(recursive: true);
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>samples/HighPerf.Sample/bin/{Configuration}/{tfm}/HighPerf.Sample.dll, built beside this project.</summary>
    private static string SampleAssemblyPath()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var tfm = here.Name;
        var configuration = here.Parent!.Name;
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "HighPerf.slnx")))
        {
            root = root.Parent;
        }

        var path = Path.Combine(root?.FullName ?? throw new InvalidOperationException("HighPerf.slnx not found"),
            "samples", "HighPerf.Sample", "bin", configuration, tfm, "HighPerf.Sample.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the sample first.", path);
    }
}
