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

        internal const int FailSafeServedStale = 1101;
        internal const int SoftTimeoutServedStale = 1102;
        internal const int DistributedReadFailed = 1103;
        internal const int DistributedWriteFailed = 1104;
        internal const int DistributedEntryUnreadable = 1105;
        internal const int RefreshFailed = 1106;
        internal const int BackgroundFactoryFailed = 1107;
        internal const int BackplanePublishFailed = 1108;
        internal const int BackplaneSubscribeFailed = 1109;
        internal const int BackplaneResynchronized = 1110;
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

    [LoggerMessage(EventIds.FailSafeServedStale, LogLevel.Warning, "The factory of cache key {Key} failed; fail-safe served the stale value.")]
    internal static partial void FailSafeServedStale(ILogger logger, string key, Exception exception);

    [LoggerMessage(EventIds.SoftTimeoutServedStale, LogLevel.Information, "The factory of cache key {Key} took longer than {TimeoutMs} ms; fail-safe served the stale value and the factory goes on in the background.")]
    internal static partial void SoftTimeoutServedStale(ILogger logger, string key, double timeoutMs);

    [LoggerMessage(EventIds.DistributedReadFailed, LogLevel.Warning, "Reading cache key {Key} from the distributed cache failed or timed out; treated as a miss.")]
    internal static partial void DistributedReadFailed(ILogger logger, string key, Exception? exception);

    [LoggerMessage(EventIds.DistributedWriteFailed, LogLevel.Warning, "Writing or removing cache key {Key} in the distributed cache failed or timed out; the in-process level is up to date.")]
    internal static partial void DistributedWriteFailed(ILogger logger, string key, Exception? exception);

    [LoggerMessage(EventIds.DistributedEntryUnreadable, LogLevel.Warning, "The distributed cache's value of key {Key} is not one this store can read; treated as a miss.")]
    internal static partial void DistributedEntryUnreadable(ILogger logger, string key, Exception? exception);

    [LoggerMessage(EventIds.RefreshFailed, LogLevel.Warning, "The eager refresh of cache key {Key} failed; the current value stays.")]
    internal static partial void RefreshFailed(ILogger logger, string key, Exception exception);

    [LoggerMessage(EventIds.BackgroundFactoryFailed, LogLevel.Warning, "The factory of cache key {Key}, left running after its soft timeout, failed; the stale value stays.")]
    internal static partial void BackgroundFactoryFailed(ILogger logger, string key, Exception exception);

    [LoggerMessage(EventIds.BackplanePublishFailed, LogLevel.Warning, "Telling the other nodes about a change failed; their in-process copies expire by themselves.")]
    internal static partial void BackplanePublishFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventIds.BackplaneSubscribeFailed, LogLevel.Warning, "Subscribing to the cache backplane failed; retrying in {DelayMs} ms.")]
    internal static partial void BackplaneSubscribeFailed(ILogger logger, double delayMs, Exception exception);

    [LoggerMessage(EventIds.BackplaneResynchronized, LogLevel.Information, "The cache backplane may have missed messages; the in-process level was cleared.")]
    internal static partial void BackplaneResynchronized(ILogger logger);
}
