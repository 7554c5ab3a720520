using System.Runtime.InteropServices;

namespace HighPerf.Compression.Native;

internal static partial class NativeMethods
{
    /// <summary>Copies the dictionary content; caller owns the result (<see cref="SafeCDictHandle"/>).</summary>
    [LibraryImport(ZstdLibrary.Name, EntryPoint = "ZSTD_createCDict")]
    internal static unsafe partial IntPtr CreateCDict(byte* dictBuffer, nuint dictSize, int compressionLevel);

    [LibraryImport(ZstdLibrary.Name, EntryPoint = "ZSTD_freeCDict")]
    internal static partial nuint FreeCDict(IntPtr cdict);

    /// <summary>Copies the dictionary content; caller owns the result (<see cref="SafeDDictHandle"/>).</summary>
    [LibraryImport(ZstdLibrary.Name, EntryPoint = "ZSTD_createDDict")]
    internal static unsafe partial IntPtr CreateDDict(byte* dictBuffer, nuint dictSize);

    [LibraryImport(ZstdLibrary.Name, EntryPoint = "ZSTD_freeDDict")]
    internal static partial nuint FreeDDict(IntPtr ddict);

    /// <summary>
    /// Writes a dictionary into <paramref name="dictBuffer"/> from samples laid end to end in
    /// <paramref name="samplesBuffer"/>, sized by <paramref name="samplesSizes"/>. Returns its size or an error.
    /// </summary>
    [LibraryImport(ZstdLibrary.Name, EntryPoint = "ZDICT_trainFromBuffer")]
    internal static unsafe partial nuint TrainFromBuffer(byte* dictBuffer, nuint dictBufferCapacity, byte* samplesBuffer, nuint* samplesSizes, uint nbSamples);

    [LibraryImport(ZstdLibrary.Name, EntryPoint = "ZDICT_isError")]
    [SuppressGCTransition]
    internal static partial uint DictIsError(nuint code);

    /// <summary>Returns a static string; never freed.</summary>
    [LibraryImport(ZstdLibrary.Name, EntryPoint = "ZDICT_getErrorName")]
    internal static partial IntPtr DictGetErrorName(nuint code);

    /// <summary>0 when the buffer is not a zstd dictionary (raw content).</summary>
    [LibraryImport(ZstdLibrary.Name, EntryPoint = "ZDICT_getDictID")]
    internal static unsafe partial uint GetDictId(byte* dictBuffer, nuint dictSize);
}
