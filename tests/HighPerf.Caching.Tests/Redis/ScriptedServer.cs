using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Text;
using HighPerf.Caching.Redis;
using HighPerf.Caching.Redis.Resp;

namespace HighPerf.Caching.Tests.Redis;

/// <summary>
/// A fake server on loopback that reads real RESP commands and answers each with bytes a test
/// script chooses, written in chunks of a chosen size (down to one byte, with a pause between, so
/// that the client sees replies split across reads).
/// </summary>
internal sealed class ScriptedServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<string[], byte[]> _answer;
    private readonly int _chunk;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly List<Socket> _clients = [];

    internal ScriptedServer(Func<string[], byte[]> answer, int chunk = int.MaxValue)
    {
        _answer = answer;
        _chunk = chunk;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    internal int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    internal List<string[]> Received { get; } = [];

    internal RedisConnectionOptions Options(int protocol = 3) => new()
    {
        Host = "127.0.0.1",
        Port = Port,
        Protocol = protocol,
        CommandTimeout = TimeSpan.FromSeconds(5),
        ReconnectMinDelay = TimeSpan.FromMilliseconds(20),
    };

    /// <summary>The HELLO reply of a RESP3 server.</summary>
    internal static byte[] Hello => "%1\r\n+proto\r\n:3\r\n"u8.ToArray();

    internal static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Drops every client connection, as a server crash would.</summary>
    internal void DropClients()
    {
        lock (_clients)
        {
            foreach (var client in _clients)
            {
                client.Close(0);
            }

            _clients.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        DropClients();
        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptSocketAsync(_stop.Token);
            client.NoDelay = true;
            lock (_clients)
            {
                _clients.Add(client);
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(Socket client)
    {
        var buffer = new byte[64 * 1024];
        var pending = new ArrayBufferWriter<byte>();
        try
        {
            while (true)
            {
                var read = await client.ReceiveAsync(buffer, _stop.Token);
                if (read == 0)
                {
                    return;
                }

                pending.Write(buffer.AsSpan(0, read));
                var consumed = 0;
                while (TryReadCommand(pending.WrittenMemory[consumed..], out var command, out var length))
                {
                    consumed += length;
                    lock (Received)
                    {
                        Received.Add(command);
                    }

                    var reply = _answer(command);
                    for (var at = 0; at < reply.Length; at += _chunk)
                    {
                        await client.SendAsync(reply.AsMemory(at, Math.Min(_chunk, reply.Length - at)), _stop.Token);
                        if (_chunk < reply.Length)
                        {
                            await Task.Delay(1, _stop.Token);
                        }
                    }
                }

                var rest = pending.WrittenMemory[consumed..].ToArray();
                pending.Clear();
                pending.Write(rest);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private static bool TryReadCommand(ReadOnlyMemory<byte> bytes, out string[] command, out int length)
    {
        var sequence = new ReadOnlySequence<byte>(bytes);
        var reader = new SequenceReader<byte>(sequence);
        if (!RespScanner.TrySkipValue(ref reader))
        {
            command = [];
            length = 0;
            return false;
        }

        length = (int)reader.Consumed;
        var reply = new RespFrame(sequence.Slice(0, length)).ReadReply();
        command = reply.Elements.Select(e => e.ToString()).ToArray();
        return true;
    }
}
