namespace HighPerf.Data.IO;

/// <summary>One read of a <see cref="ContiguousPipeReader"/>.</summary>
/// <param name="Bytes">The bytes, in one span; valid until the reader is advanced.</param>
/// <param name="IsFinal">Whether these are the pipe's last bytes (it has completed and all of them fit the window).</param>
public readonly record struct ContiguousRead(ReadOnlyMemory<byte> Bytes, bool IsFinal);
