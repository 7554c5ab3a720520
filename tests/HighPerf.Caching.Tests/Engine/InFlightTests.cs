using HighPerf.Caching.Engine;
using Xunit;

namespace HighPerf.Caching.Tests.Engine;

/// <summary>The shared run of one key: its starter's value task, its lazily made joiners' task, and the factory token.</summary>
public sealed class InFlightTests
{
    [Fact]
    public async Task The_starter_and_every_joiner_get_the_value_whenever_they_arrive()
    {
        var run = new InFlight<string>(cancellable: false);
        Assert.True(run.TryJoin());
        var early = run.JoinerResult;
        run.Complete("v");
        run.Complete("ignored");

        Assert.Equal("v", await run.StarterResult);
        Assert.Equal("v", await early);
        Assert.True(run.TryJoin());
        Assert.Equal("v", await run.JoinerResult);
        Assert.True(run.IsCompleted);
    }

    [Fact]
    public async Task A_failure_reaches_the_starter_and_joiners_that_arrive_after_it()
    {
        var run = new InFlight<int>(cancellable: true);
        var error = new InvalidOperationException("boom");
        run.Fail(error);
        run.Complete(1);

        Assert.Same(error, await Assert.ThrowsAsync<InvalidOperationException>(async () => await run.StarterResult));
        Assert.Same(error, await Assert.ThrowsAsync<InvalidOperationException>(() => run.JoinerResult));
    }

    [Fact]
    public async Task Joiners_racing_the_completion_all_get_the_value()
    {
        for (var round = 0; round < 2_000; round++)
        {
            var run = new InFlight<int>(cancellable: false);
            var start = new Barrier(2);
            var joiners = Task.Run(() =>
            {
                start.SignalAndWait();
                var tasks = new Task<int>[4];
                for (var i = 0; i < tasks.Length; i++)
                {
                    run.TryJoin();
                    tasks[i] = run.JoinerResult;
                }

                return Task.WhenAll(tasks);
            });
            start.SignalAndWait();
            run.Complete(round);

            Assert.Equal(round, await run.StarterResult);
            foreach (var value in await joiners.WaitAsync(TimeSpan.FromSeconds(10)))
            {
                Assert.Equal(round, value);
            }
        }
    }

    [Fact]
    public void Only_a_run_whose_starter_can_cancel_has_a_factory_token_that_can_fire()
    {
        var uncancellable = new InFlight<int>(cancellable: false);
        Assert.False(uncancellable.FactoryToken.CanBeCanceled);
        uncancellable.Leave();
        Assert.False(uncancellable.FactoryToken.IsCancellationRequested);

        var cancellable = new InFlight<int>(cancellable: true);
        Assert.True(cancellable.TryJoin());
        cancellable.Leave();
        Assert.False(cancellable.FactoryToken.IsCancellationRequested);
        cancellable.Leave();
        Assert.True(cancellable.FactoryToken.IsCancellationRequested);
        Assert.False(cancellable.TryJoin());
    }
}
