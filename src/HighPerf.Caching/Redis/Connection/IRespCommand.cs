using System.Buffers;

namespace HighPerf.Caching.Redis.Connection;

/// <summary>A command that encodes itself into the send buffer; a struct (often a ref struct over spans) so sending allocates nothing.</summary>
internal interface IRespCommand
{
    void Write(IBufferWriter<byte> writer);
}
