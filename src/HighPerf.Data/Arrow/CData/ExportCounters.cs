namespace HighPerf.Data.Arrow.CData;

/// <summary>
/// Process-wide counts of exported C structures, so that tests can prove every export is released exactly
/// once: a node is counted live from export until its release callback runs.
/// </summary>
internal static class ExportCounters
{
    private static long s_liveSchemas;
    private static long s_liveArrays;
    private static long s_liveStreams;
    private static long s_schemaReleases;
    private static long s_arrayReleases;
    private static long s_streamReleases;

    public static long LiveSchemas => Interlocked.Read(ref s_liveSchemas);

    public static long LiveArrays => Interlocked.Read(ref s_liveArrays);

    public static long LiveStreams => Interlocked.Read(ref s_liveStreams);

    public static long SchemaReleases => Interlocked.Read(ref s_schemaReleases);

    public static long ArrayReleases => Interlocked.Read(ref s_arrayReleases);

    public static long StreamReleases => Interlocked.Read(ref s_streamReleases);

    public static void SchemaExported() => Interlocked.Increment(ref s_liveSchemas);

    public static void SchemaReleased()
    {
        Interlocked.Decrement(ref s_liveSchemas);
        Interlocked.Increment(ref s_schemaReleases);
    }

    public static void ArrayExported() => Interlocked.Increment(ref s_liveArrays);

    public static void ArrayReleased()
    {
        Interlocked.Decrement(ref s_liveArrays);
        Interlocked.Increment(ref s_arrayReleases);
    }

    public static void StreamExported() => Interlocked.Increment(ref s_liveStreams);

    public static void StreamReleased()
    {
        Interlocked.Decrement(ref s_liveStreams);
        Interlocked.Increment(ref s_streamReleases);
    }
}
