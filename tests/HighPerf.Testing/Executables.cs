namespace HighPerf.Testing;

/// <summary>Finding programs the way a shell does.</summary>
internal static class Executables
{
    /// <summary>The first executable called <paramref name="name"/> in a PATH folder, or <see langword="null"/>.</summary>
    public static string? FindInPath(string name) => FindIn(PathFolders(), name);

    /// <summary>The first executable called <paramref name="name"/> in <paramref name="folders"/>, or <see langword="null"/>.</summary>
    public static string? FindIn(IEnumerable<string> folders, string name) =>
        folders.Select(folder => Path.Combine(folder, name)).FirstOrDefault(IsExecutable);

    /// <summary>The folders of PATH, in order.</summary>
    public static IEnumerable<string> PathFolders() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Whether <paramref name="path"/> is a file someone may execute (following symlinks).</summary>
    public static bool IsExecutable(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & anyExecute) != 0;
    }
}
