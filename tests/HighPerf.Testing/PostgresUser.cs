using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using HighPerf.Testing.Native;

namespace HighPerf.Testing;

/// <summary>
/// Who initdb and postgres run as. Both refuse to run as root, and CI runs the tests as root, so there
/// they run as the <c>postgres</c> system user through <c>setpriv</c> (or <c>runuser</c>), which
/// owns the server's folder. Anyone else runs them as themselves.
/// </summary>
internal sealed class PostgresUser
{
    public const string SystemUser = "postgres";

    private static readonly Lock _resolveLock = new();
    private static PostgresUser? _resolved;

    private readonly string? _wrapper;
    private readonly string[] _wrapperArguments;
    private readonly uint _uid;
    private readonly uint _gid;

    private PostgresUser(string? wrapper, string[] wrapperArguments, uint uid, uint gid)
    {
        _wrapper = wrapper;
        _wrapperArguments = wrapperArguments;
        _uid = uid;
        _gid = gid;
    }

    /// <summary>Whether the programs run as <see cref="SystemUser"/> rather than as this process' user.</summary>
    public bool SwitchesUser => _wrapper is not null;

    /// <summary>
    /// Whether <see cref="Command"/> starts the program itself (so the child's pid is the server's), rather
    /// than a wrapper that forks it.
    /// </summary>
    public bool ExecsDirectly => _wrapper is null || Path.GetFileName(_wrapper) == "setpriv";

    public static bool RunningAsRoot =>
        Environment.UserName == "root" || (!OperatingSystem.IsWindows() && LibC.GetEffectiveUserId() == 0);

    /// <summary>Decides once per process, probing the user switch with <paramref name="binaries"/>' initdb.</summary>
    public static PostgresUser Resolve(PostgresBinaries binaries)
    {
        lock (_resolveLock)
        {
            return _resolved ??= RunningAsRoot ? ResolveForRoot(binaries) : new PostgresUser(null, [], 0, 0);
        }
    }

    /// <summary>The program and arguments that run <paramref name="program"/> as the chosen user.</summary>
    public (string FileName, List<string> Arguments) Command(string program, IEnumerable<string> arguments)
    {
        if (_wrapper is null)
        {
            return (program, [.. arguments]);
        }

        return (_wrapper, [.. _wrapperArguments, program, .. arguments]);
    }

    /// <summary>Hands <paramref name="path"/> to the user the programs run as.</summary>
    public void TakeOwnership(string path)
    {
        if (_wrapper is not null && LibC.ChangeOwner(path, _uid, _gid) != 0)
        {
            throw new IOException($"chown {SystemUser} '{path}' failed: {Marshal.GetLastPInvokeErrorMessage()}");
        }
    }

    private static PostgresUser ResolveForRoot(PostgresBinaries binaries)
    {
        var (uid, gid) = LookUpSystemUser()
            ?? throw new InvalidOperationException(
                $"The tests run as root, which initdb and postgres refuse, and there is no '{SystemUser}' user to run them as. " +
                $"Install the Debian package 'postgresql' (it creates the user) or run: useradd --system {SystemUser}");

        // setpriv execs the program, so the child we hold is postgres itself; runuser forks and waits.
        (string Name, string[] Arguments)[] candidates =
        [
            ("setpriv", [$"--reuid={SystemUser}", $"--regid={SystemUser}", "--init-groups", "--"]),
            ("runuser", ["-u", SystemUser, "--"]),
        ];

        var tried = new List<string>();
        foreach (var (name, arguments) in candidates)
        {
            var wrapper = Executables.FindInPath(name) ?? new[] { "/usr/bin", "/usr/sbin", "/bin", "/sbin" }
                .Select(folder => Path.Combine(folder, name))
                .FirstOrDefault(Executables.IsExecutable);
            if (wrapper is null)
            {
                tried.Add($"{name}: not found");
                continue;
            }

            var user = new PostgresUser(wrapper, arguments, uid, gid);
            var probe = user.Probe(binaries.InitDb);
            if (probe is null)
            {
                return user;
            }

            tried.Add($"{name}: {probe}");
        }

        throw new InvalidOperationException(
            $"The tests run as root, which initdb and postgres refuse, and no way to run them as '{SystemUser}' worked " +
            $"({string.Join("; ", tried)}). Install util-linux (setpriv, runuser).");
    }

    /// <summary>Runs <c>initdb --version</c> as the user: null when that works, else why not.</summary>
    private string? Probe(string initDb)
    {
        var (fileName, arguments) = Command(initDb, ["--version"]);
        var startInfo = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = "/",
        };
        arguments.ForEach(startInfo.ArgumentList.Add);
        using var process = Process.Start(startInfo)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
        {
            process.Kill(entireProcessTree: true);
            return "timed out";
        }

        return process.ExitCode == 0 ? null : $"exit code {process.ExitCode}: {stderr.Trim()} {stdout.Result.Trim()}";
    }

    private static (uint Uid, uint Gid)? LookUpSystemUser()
    {
        if (!File.Exists("/etc/passwd"))
        {
            return null;
        }

        foreach (var line in File.ReadLines("/etc/passwd"))
        {
            // name:password:uid:gid:gecos:home:shell
            var fields = line.Split(':');
            if (fields.Length >= 4
                && fields[0] == SystemUser
                && uint.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var uid)
                && uint.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var gid))
            {
                return (uid, gid);
            }
        }

        return null;
    }
}
