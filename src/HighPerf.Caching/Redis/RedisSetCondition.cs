namespace HighPerf.Caching.Redis;

/// <summary>When a SET applies.</summary>
public enum RedisSetCondition
{
    /// <summary>Always (no flag).</summary>
    Always = 0,

    /// <summary>Only if the key does not exist (<c>NX</c>).</summary>
    NotExists,

    /// <summary>Only if the key exists (<c>XX</c>).</summary>
    Exists,
}
