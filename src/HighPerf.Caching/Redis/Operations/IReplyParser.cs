using HighPerf.Caching.Redis.Resp;

namespace HighPerf.Caching.Redis.Operations;

/// <summary>Turns a (non-error) reply into a typed result; static so that operations need no delegate.</summary>
internal interface IReplyParser<T>
{
    static abstract T Parse(ref RespFrame frame, object? state);
}
