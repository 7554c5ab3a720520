using System.Net;
using System.Net.Sockets;

namespace HighPerf.Testing.Tests;

/// <summary>What "the server is really gone" means, shared by the stop tests.</summary>
internal static class ServerAssert
{
    public static void PortRefuses(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var refused = Assert.Throws<SocketException>(() => socket.Connect(IPAddress.Loopback, port));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
    }

    public static void ProcessGone(int pid) =>
        Assert.False(UnixProcesses.IsAlive(pid), $"process {pid} still runs");
}
