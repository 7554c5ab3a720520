namespace HighPerf.Testing;

/// <summary>
/// The last lines a server wrote to stdout and stderr, kept so a failed start can say why.
/// Thread-safe: the process' output callbacks add from pool threads.
/// </summary>
internal sealed class OutputTail(int capacity = 200)
{
    private readonly Queue<string> _lines = new();
    private readonly Lock _lock = new();
    private long _added;
    private long _sectionStart;

    public void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            if (_lines.Count == capacity)
            {
                _lines.Dequeue();
            }

            _lines.Enqueue(line);
            _added++;
        }
    }

    /// <summary>
    /// Starts a section, e.g. one start attempt, so <see cref="SectionContains"/> does not see an earlier
    /// attempt's lines; the tail itself keeps them for the error message.
    /// </summary>
    public void BeginSection()
    {
        lock (_lock)
        {
            _sectionStart = _added;
        }
    }

    /// <summary>Whether a line since <see cref="BeginSection"/> (and still kept) contains <paramref name="text"/>.</summary>
    public bool SectionContains(string text)
    {
        lock (_lock)
        {
            var inSection = (int)Math.Min(_added - _sectionStart, _lines.Count);
            return _lines.Skip(_lines.Count - inSection).Any(line => line.Contains(text, StringComparison.Ordinal));
        }
    }

    public override string ToString()
    {
        lock (_lock)
        {
            return _lines.Count == 0 ? "(no output)" : string.Join(Environment.NewLine, _lines);
        }
    }
}
