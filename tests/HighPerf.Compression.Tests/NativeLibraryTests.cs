using HighPerf.Compression.Native;

namespace HighPerf.Compression.Tests;

public sealed class NativeLibraryTests
{
    [Fact]
    public void A_missing_library_names_the_package_to_install()
    {
        var ex = Assert.Throws<DllNotFoundException>(() =>
            ZstdLibrary.Load(null, ["libzstd-that-does-not-exist.so.9"], typeof(Zstd).Assembly, null));
        Assert.Contains("libzstd1", ex.Message, StringComparison.Ordinal);
        Assert.Contains(ZstdLibrary.PathVariable, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_override_path_says_so()
    {
        var ex = Assert.Throws<DllNotFoundException>(() =>
            ZstdLibrary.Load("/nonexistent/libzstd.so.1", ["libzstd.so.1"], typeof(Zstd).Assembly, null));
        Assert.Contains("/nonexistent/libzstd.so.1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_override_path_and_the_system_both_load_it()
    {
        Assert.NotEqual(IntPtr.Zero, ZstdLibrary.Load("/usr/lib/x86_64-linux-gnu/libzstd.so.1", [], typeof(Zstd).Assembly, null));
        Assert.NotEqual(IntPtr.Zero, ZstdLibrary.Load(null, ["libzstd.so.1"], typeof(Zstd).Assembly, null));
    }
}
