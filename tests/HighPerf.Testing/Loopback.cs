using System.Net;
using System.Net.Sockets;

namespace HighPerf.Testing;

/// <summary>The loopback address every test server binds to, and free ports on it.</summary>
internal static class Loopback
{
    public const string Host = "127.0.0.1";

    /// <summary>
    /// A port nothing listens on right now. Another process can still take it before the server
    /// binds it, which is why the servers retry their start on "Address already in use".
    /// </summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
