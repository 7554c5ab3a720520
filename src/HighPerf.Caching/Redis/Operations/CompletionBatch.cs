namespace HighPerf.Caching.Redis.Operations;

/// <summary>
/// The operations whose replies arrived in one read, completed together by one thread-pool work
/// item: one hop per read instead of one per command, and never the caller's code on the receive loop.
/// </summary>
internal sealed class CompletionBatch : IThreadPoolWorkItem
{
    private const int PoolCapacity = 64;

    private static readonly Lock s_poolGate = new();
    private static readonly CompletionBatch?[] s_pool = new CompletionBatch?[PoolCapacity];
    private static int s_pooled;

    private RedisOperation?[] _items = new RedisOperation?[16];
    private int _count;

    internal int Count => _count;

    internal static CompletionBatch Rent()
    {
        lock (s_poolGate)
        {
            if (s_pooled > 0)
            {
                var batch = s_pool[--s_pooled]!;
                s_pool[s_pooled] = null;
                return batch;
            }
        }

        return new CompletionBatch();
    }

    internal void Add(RedisOperation operation)
    {
        if (_count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[_count++] = operation;
    }

    public void Execute()
    {
        for (var i = 0; i < _count; i++)
        {
            var operation = _items[i]!;
            _items[i] = null;
            operation.Execute();
        }

        _count = 0;
        Return();
    }

    /// <summary>Back to the pool; only for a batch that is empty (executed, or never filled).</summary>
    internal void Return()
    {
        lock (s_poolGate)
        {
            if (s_pooled < PoolCapacity)
            {
                s_pool[s_pooled++] = this;
            }
        }
    }
}
