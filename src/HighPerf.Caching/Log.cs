using Microsoft.Extensions.Logging;

namespace HighPerf.Caching;

/// <summary>Every log message of HighPerf.Caching; never logs keys' values or credentials.</summary>
internal static partial class Log
{
    internal static class EventIds
    {
        internal const int ConnectionLost = 1001;
        internal const int Reconnected = 1002;
        internal const int ReconnectFailed = 1003;
        internal const int ReconnectHookFailed = 1004;
        internal const int PushHandlerFailed = 1005;
    }

    [LoggerMessage(EventIds.ConnectionLost, LogLevel.Warning, "Lost the connection to {Endpoint}; in-flight commands failed, reconnecting.")]
    internal static partial void ConnectionLost(ILogger logger, string endpoint, Exception? exception);

    [LoggerMessage(EventIds.Reconnected, LogLevel.Information, "Reconnected to {Endpoint}.")]
    internal static partial void Reconnected(ILogger logger, string endpoint);

    [LoggerMessage(EventIds.ReconnectFailed, LogLevel.Debug, "Reconnecting to {Endpoint} failed; next try in {DelayMs} ms.")]
    internal static partial void ReconnectFailed(ILogger logger, string endpoint, double delayMs, Exception exception);

    [LoggerMessage(EventIds.ReconnectHookFailed, LogLevel.Error, "Restoring state (subscriptions) after reconnecting to {Endpoint} failed.")]
    internal static partial void ReconnectHookFailed(ILogger logger, string endpoint, Exception exception);

    [LoggerMessage(EventIds.PushHandlerFailed, LogLevel.Error, "A push or pub/sub message handler threw.")]
    internal static partial void PushHandlerFailed(ILogger logger, Exception exception);
}
