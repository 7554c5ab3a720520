namespace HighPerf.Data.DuckDb;

/// <summary>
/// Confines exports to the allowed folders: a path counts as inside only after full normalization
/// (<c>.</c>, <c>..</c>, repeated separators) and with every symbolic link on the way resolved, so
/// neither traversal nor a link placed inside the folder can lead out of it.
/// </summary>
internal static class ExportPaths
{
    private const int MaxLinkHops = 40;

    /// <summary>The allowed folders as they really are on disk, for comparison and for DuckDB's own list.</summary>
    internal static string[] ResolveRoots(IList<string> directories)
    {
        var roots = new string[directories.Count];
        for (var i = 0; i < roots.Length; i++)
        {
            var directory = directories[i];
            if (string.IsNullOrWhiteSpace(directory) || !Path.IsPathFullyQualified(directory))
            {
                throw new ArgumentException($"An allowed directory must be an absolute path; got '{directory}'.", nameof(directories));
            }

            roots[i] = Path.TrimEndingDirectorySeparator(RealPath(Path.GetFullPath(directory)));
        }

        return roots;
    }

    /// <summary>
    /// The real path of the file <paramref name="path"/> (relative paths are taken inside the first
    /// allowed folder) when it lies strictly inside one of <paramref name="roots"/>; throws otherwise.
    /// </summary>
    internal static string ResolveInside(string path, IReadOnlyList<string> roots)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (roots.Count == 0)
        {
            Errors.ThrowExportOutside(path, roots);
        }

        var full = Path.GetFullPath(Path.IsPathFullyQualified(path) ? path : Path.Combine(roots[0], path));
        if (Path.EndsInDirectorySeparator(full))
        {
            throw new ArgumentException($"The export path '{path}' names a folder, not a file.", nameof(path));
        }

        var real = RealPath(full);
        foreach (var root in roots)
        {
            if (IsStrictlyInside(real, root))
            {
                return real;
            }
        }

        Errors.ThrowExportOutside(path, roots);
        return real;
    }

    internal static bool IsStrictlyInside(string path, string root) =>
        path.Length > root.Length + 1
        && path.StartsWith(root, StringComparison.Ordinal)
        && (root.EndsWith(Path.DirectorySeparatorChar) || path[root.Length] == Path.DirectorySeparatorChar);

    /// <summary>
    /// Resolves every symbolic link along an absolute, normalized path, like realpath(3) but also for
    /// paths whose tail does not exist yet (the part that does not exist cannot be a link).
    /// </summary>
    internal static string RealPath(string fullPath)
    {
        var hops = 0;
        return Resolve(fullPath, ref hops);
    }

    private static string Resolve(string fullPath, ref int hops)
    {
        var root = Path.GetPathRoot(fullPath) ?? Path.DirectorySeparatorChar.ToString();
        var current = root;
        var parts = fullPath[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            var next = Path.Join(current, parts[i]);
            FileSystemInfo info = new FileInfo(next);
            if (!info.Exists)
            {
                info = new DirectoryInfo(next);
            }

            if (!info.Exists && info.LinkTarget is null)
            {
                // Nothing here, so nothing further down exists either.
                return Path.Join(next, string.Join(Path.DirectorySeparatorChar, parts, i + 1, parts.Length - i - 1));
            }

            if (info.LinkTarget is { } target)
            {
                if (++hops > MaxLinkHops)
                {
                    throw new IOException($"Too many levels of symbolic links in '{fullPath}'.");
                }

                var absolute = Path.GetFullPath(target, current);
                next = Resolve(absolute, ref hops);
            }

            current = next;
        }

        return current;
    }
}
