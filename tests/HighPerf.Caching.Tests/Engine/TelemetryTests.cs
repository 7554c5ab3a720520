using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace HighPerf.Caching.Tests.Engine;

[Collection(ProcessWideTelemetryCollection.Name)]
public sealed class TelemetryTests
{
    [Fact]
    public async Task Hits_misses_factory_calls_and_fail_safe_are_counted_and_a_miss_is_one_span()
    {
        var counts = new ConcurrentDictionary<string, long>();
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == CachingTelemetry.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var level = tags.Length > 0 ? ":" + tags[0].Value : string.Empty;
            counts.AddOrUpdate(instrument.Name + level, value, (_, old) => old + value);
        });
        meters.Start();

        var spans = new ConcurrentQueue<Activity>();
        using var activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == CachingTelemetry.ActivitySourceName,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(activities);

        var time = new ManualTime();
        var store = LocalStores.Create(time: time);
        var options = new CacheEntryOptions { Expiration = TimeSpan.FromSeconds(10), LocalExpiration = TimeSpan.FromSeconds(10) };
        await store.GetOrCreateAsync("t", 0, static (_, _) => ValueTask.FromResult(new Profile("v", 1)), options);
        await store.GetOrCreateAsync("t", 0, static (_, _) => ValueTask.FromResult(new Profile("v", 1)), options);
        Assert.True(store.TryGetValue<Profile>("t", out _));
        time.Advance(TimeSpan.FromSeconds(11));
        await store.GetOrCreateAsync<int, Profile>("t", 0, static (_, _) => throw new TimeoutException(), options);

        Assert.Equal(2, counts.GetValueOrDefault(CachingTelemetry.Hits + ":l1"));
        Assert.Equal(2, counts.GetValueOrDefault(CachingTelemetry.Misses + ":l1"));
        Assert.Equal(2, counts.GetValueOrDefault(CachingTelemetry.FactoryCalls));
        Assert.Equal(1, counts.GetValueOrDefault(CachingTelemetry.FailSafeActivations));
        Assert.Equal(2, spans.Count(a => a.OperationName == CachingTelemetry.MissActivityName));
        Assert.Contains(spans, a => a.Status == ActivityStatusCode.Unset && (string?)a.GetTagItem("cache.level") == "factory");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_miss_span_is_a_child_of_the_callers_activity_and_leaves_it_current(bool cancellable)
    {
        var spans = new ConcurrentQueue<Activity>();
        using var activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name is CachingTelemetry.ActivitySourceName or "test",
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(activities);
        using var source = new ActivitySource("test");
        var store = LocalStores.Create();
        using var cancellation = new CancellationTokenSource();

        using (var request = source.StartActivity("request"))
        {
            Activity? inFactory = null;
            await store.GetOrCreateAsync("span", 0, (_, _) =>
            {
                inFactory = Activity.Current;
                return ValueTask.FromResult(new Profile("v", 1));
            }, cancellationToken: cancellable ? cancellation.Token : CancellationToken.None);

            // The caller's flow: its own activity is still the current one after the call.
            Assert.Same(request, Activity.Current);
            var miss = Assert.Single(spans, a => a.OperationName == CachingTelemetry.MissActivityName);
            Assert.Same(request, miss.Parent);
            Assert.Same(miss, inFactory);
        }
    }
}
