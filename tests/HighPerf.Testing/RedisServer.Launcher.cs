using System.Globalization;
using System.Security.Authentication;

namespace HighPerf.Testing;

public sealed partial class RedisServer
{
    /// <summary>
    /// Everything a start needs, kept for the life of the server so <see cref="StartAgainAsync"/> launches exactly
    /// what <see cref="StartAsync(RedisServerSettings, CancellationToken)"/> did: same program, folder, password
    /// and certificate files.
    /// </summary>
    private sealed class Launcher(string executable, ServerFolder folder, OutputTail output, RedisServerSettings settings, RedisTlsFiles? tls)
    {
        private static readonly TimeSpan _bindFailureGrace = TimeSpan.FromSeconds(1);

        public ServerFolder Folder { get; } = folder;

        public OutputTail Output { get; } = output;

        public RedisServerSettings Settings { get; } = settings;

        public RedisTlsFiles? Tls { get; } = tls;

        public RedisProbeOptions ProbeOptions { get; } = new(tls?.CaCertificate, settings.Password);

        /// <summary>
        /// Starts redis-server on <paramref name="port"/> and waits for it to answer. <see langword="null"/> when the
        /// port was taken; any other failure throws.
        /// </summary>
        public async Task<ServerProcess?> LaunchAsync(int port, CancellationToken cancellationToken)
        {
            Output.BeginSection();
            var process = ServerProcess.Start(executable, Arguments(port), Folder.Path, Output);
            Folder.WriteServerPid(process.Id);
            bool ready;
            try
            {
                ready = await WaitUntilReadyAsync(process, port, cancellationToken);
            }
            catch
            {
                await KillProcessAsync(process);
                throw;
            }

            if (ready)
            {
                return process;
            }

            var what = Tls is null ? "PING" : "PING over TLS";
            var failure = process.HasExited
                ? $"exited with code {process.ExitCode} before answering {what} on {Loopback.Host}:{port}"
                : $"did not answer {what} on {Loopback.Host}:{port} within {_readyTimeout.TotalSeconds:0} s";

            // Killing first also drains its output, so a bind error it was still writing is seen.
            await KillProcessAsync(process);
            return Output.SectionContains("Address already in use")
                ? null
                : throw new InvalidOperationException(
                    $"redis-server ({executable}) {failure}. Its output:{Environment.NewLine}{Output}");
        }

        private List<string> Arguments(int port)
        {
            var portText = port.ToString(CultureInfo.InvariantCulture);
            List<string> arguments =
            [
                "--bind", Loopback.Host,
                "--save", string.Empty,
                "--appendonly", "no",
                "--dir", Folder.Path,
                "--daemonize", "no",
                "--logfile", string.Empty,
            ];
            arguments.AddRange(Tls is null ? ["--port", portText] : Tls.ServerArguments(portText));
            if (Settings.Password is { } password)
            {
                // redis-server 7 quotes each argument before it parses them as configuration, so spaces and
                // quotes in the password survive.
                arguments.AddRange(["--requirepass", password]);
            }

            return arguments;
        }

        /// <summary>
        /// Polls PING until the server answers, exits, or the deadline passes; then checks the answer came from our
        /// process, not from another server that took the port in a race.
        /// </summary>
        private async Task<bool> WaitUntilReadyAsync(ServerProcess process, int port, CancellationToken cancellationToken)
        {
            var deadline = DateTime.UtcNow + _readyTimeout;
            while (DateTime.UtcNow < deadline && !process.HasExited)
            {
                if (await PingAsync(process, port, cancellationToken))
                {
                    var info = await RedisProbe.CommandAsync(Loopback.Host, port, ProbeOptions, ["INFO", "server"], cancellationToken) ?? string.Empty;
                    return info.Contains($"process_id:{process.Id.ToString(CultureInfo.InvariantCulture)}\r\n", StringComparison.Ordinal);
                }

                await Task.Delay(20, cancellationToken);
            }

            return false;
        }

        /// <summary>
        /// The probe's PING, except that a failed TLS handshake with a server that then exits is "not ready": another
        /// server won the port in a race, ours is going down with "Address already in use", and the start retries.
        /// </summary>
        private async Task<bool> PingAsync(ServerProcess process, int port, CancellationToken cancellationToken)
        {
            try
            {
                return await RedisProbe.PingAsync(Loopback.Host, port, ProbeOptions, cancellationToken);
            }
            catch (AuthenticationException)
            {
                if (await process.WaitForExitAsync(_bindFailureGrace))
                {
                    return false;
                }

                throw;
            }
        }
    }
}
