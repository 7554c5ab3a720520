using System.Runtime.InteropServices;
using HighPerf.Data.Native;

namespace HighPerf.Data.Tests.DuckDb;

public sealed class NativeLibraryTests
{
    [Fact]
    public void The_build_put_libduckdb_next_to_the_assemblies_and_it_is_release_1_5_6()
    {
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "libduckdb.so")));
        Assert.Equal("v1.5.6", DuckDbDatabase.LibraryVersion);
    }

    [Fact]
    public void A_missing_library_says_where_it_comes_from()
    {
        var ex = Assert.Throws<DllNotFoundException>(() =>
            DuckDbLibrary.Load(null, ["libduckdb-that-does-not-exist.so"], typeof(DuckDbDatabase).Assembly, null));
        Assert.Contains("@duckdb/node-bindings-linux-x64@1.5.6-r.1", ex.Message, StringComparison.Ordinal);
        Assert.Contains(DuckDbLibrary.PathVariable, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_override_path_says_so()
    {
        var ex = Assert.Throws<DllNotFoundException>(() =>
            DuckDbLibrary.Load("/nonexistent/libduckdb.so", ["libduckdb.so"], typeof(DuckDbDatabase).Assembly, null));
        Assert.Contains("/nonexistent/libduckdb.so", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_override_path_and_the_application_folder_both_load_it()
    {
        var local = Path.Combine(AppContext.BaseDirectory, "libduckdb.so");
        Assert.NotEqual(IntPtr.Zero, DuckDbLibrary.Load(local, [], typeof(DuckDbDatabase).Assembly, null));
        Assert.NotEqual(IntPtr.Zero, DuckDbLibrary.Load(null, ["libduckdb.so"], typeof(DuckDbDatabase).Assembly, null));
    }

    [Fact]
    public void Every_import_names_a_function_the_library_exports()
    {
        var library = NativeLibrary.Load(Path.Combine(AppContext.BaseDirectory, "libduckdb.so"));
        var imports = typeof(NativeMethods).GetMethods(System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.NonPublic)
            .Select(m => m.GetCustomAttributes(typeof(System.Runtime.InteropServices.LibraryImportAttribute), false).OfType<System.Runtime.InteropServices.LibraryImportAttribute>().FirstOrDefault())
            .Where(a => a is not null)
            .Select(a => a!.EntryPoint!)
            .ToList();
        Assert.True(imports.Count > 80, $"only {imports.Count} imports found");
        Assert.All(imports, name => Assert.True(NativeLibrary.TryGetExport(library, name, out _), $"libduckdb.so does not export {name}"));
    }
}
