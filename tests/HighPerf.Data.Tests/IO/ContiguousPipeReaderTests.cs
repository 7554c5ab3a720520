using System.IO.Pipelines;
using System.Text;
using HighPerf.Data.IO;

namespace HighPerf.Data.Tests.IO;

public sealed class ContiguousPipeReaderTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(1000)]
    public async Task Lines_cut_across_writes_and_longer_than_the_window_come_out_whole_and_in_order(int writeBytes)
    {
        var lines = new List<string>();
        for (var i = 0; i < 300; i++)
        {
            lines.Add(i % 50 == 7 ? new string((char)('a' + (i % 26)), 700 + i) : "line " + i);
        }

        var body = Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");
        var pipe = new Pipe();
        var writing = Task.Run(async () =>
        {
            for (var offset = 0; offset < body.Length; offset += writeBytes)
            {
                await pipe.Writer.WriteAsync(body.AsMemory(offset, Math.Min(writeBytes, body.Length - offset)));
            }

            await pipe.Writer.CompleteAsync();
        });

        var seen = new List<string>();
        using (var input = new ContiguousPipeReader(pipe.Reader, windowBytes: 256))
        {
            while (true)
            {
                var read = await input.ReadAsync();
                var consumed = 0;
                try
                {
                    // Only whole lines are taken; the cut-off one must come back first in the next read.
                    var span = read.Bytes.Span;
                    int end;
                    while ((end = span[consumed..].IndexOf((byte)'\n')) >= 0)
                    {
                        seen.Add(Encoding.UTF8.GetString(span.Slice(consumed, end)));
                        consumed += end + 1;
                    }
                }
                finally
                {
                    input.Advance(consumed);
                }

                if (read.IsFinal)
                {
                    Assert.Equal(read.Bytes.Length, consumed);
                    break;
                }
            }

            Assert.True(input.WindowBytes >= 1024, $"the window grew to {input.WindowBytes} bytes for a 1,000-byte line");
        }

        await writing;
        await pipe.Reader.CompleteAsync();
        Assert.Equal(lines, seen);
    }

    [Fact]
    public async Task Reads_and_advances_must_alternate()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync("abc"u8.ToArray());
        await pipe.Writer.CompleteAsync();
        var input = new ContiguousPipeReader(pipe.Reader);

        Assert.Throws<InvalidOperationException>(() => input.Advance(0));
        var read = await input.ReadAsync();
        Assert.True(read.IsFinal);
        Assert.Equal("abc", Encoding.UTF8.GetString(read.Bytes.Span));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await input.ReadAsync());
        Assert.Throws<ArgumentOutOfRangeException>(() => input.Advance(4));
        input.Advance(1);
        read = await input.ReadAsync();
        Assert.Equal("bc", Encoding.UTF8.GetString(read.Bytes.Span));
        input.Advance(2);

        input.Dispose();
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await input.ReadAsync());
        Assert.Throws<ArgumentOutOfRangeException>(() => new ContiguousPipeReader(pipe.Reader, 0));
    }
}
