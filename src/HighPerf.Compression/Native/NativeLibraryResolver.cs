using System.Reflection;
using System.Runtime.InteropServices;

namespace HighPerf.Compression.Native;

/// <summary>
/// How every HighPerf package finds one native library: an explicit path from an environment
/// variable, then the application folder, then the system's loader. A miss names the package to
/// install instead of the runtime's generic "unable to load shared library". One instance per
/// library, registered once per assembly that imports it.
/// </summary>
/// <param name="name">The name the assembly's <c>LibraryImport</c>s use.</param>
/// <param name="pathVariable">The environment variable that overrides the search with a full path.</param>
/// <param name="candidates">File names to try, in order, for this operating system.</param>
/// <param name="missingMessage">Says which library is missing and which package provides it; the override variable is appended.</param>
internal sealed class NativeLibraryResolver(string name, string pathVariable, string[] candidates, string missingMessage)
{
    private int _registered;

    internal string Name { get; } = name;

    internal string PathVariable { get; } = pathVariable;

    internal string[] Candidates { get; } = candidates;

    /// <summary>Makes <paramref name="assembly"/>'s imports of <see cref="Name"/> go through this resolver; later calls do nothing.</summary>
    internal void Register(Assembly assembly)
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
        {
            NativeLibrary.SetDllImportResolver(assembly, Resolve);
        }
    }

    private IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        string.Equals(libraryName, Name, StringComparison.Ordinal)
            ? Load(Environment.GetEnvironmentVariable(PathVariable), Candidates, assembly, searchPath)
            : IntPtr.Zero;

    /// <summary>The search itself, separate from the environment so that tests can point it at nothing.</summary>
    internal IntPtr Load(string? overridePath, string[] candidates, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (!string.IsNullOrEmpty(overridePath))
        {
            return NativeLibrary.TryLoad(overridePath, out var handle)
                ? handle
                : throw new DllNotFoundException($"{PathVariable} points to '{overridePath}', which could not be loaded as {Name}.");
        }

        foreach (var candidate in candidates)
        {
            var local = Path.Combine(AppContext.BaseDirectory, candidate);
            if (File.Exists(local) && NativeLibrary.TryLoad(local, out var handle))
            {
                return handle;
            }
        }

        foreach (var candidate in candidates)
        {
            if (NativeLibrary.TryLoad(candidate, assembly, searchPath, out var handle))
            {
                return handle;
            }
        }

        throw new DllNotFoundException($"{missingMessage} Put the library next to the application, or set {PathVariable} to its path.");
    }
}
