using HighPerf.Sample.Api;
using HighPerf.Sample.Endpoints;
using HighPerf.Sample.Events;
using HighPerf.Sample.Infrastructure;
using HighPerf.Sample.Postgres;

var builder = WebApplication.CreateSlimBuilder(args);

builder.Services.AddHighPerf(builder.Configuration);
builder.Services.AddSampleErrorHandling();
builder.Services.AddHealthChecks().AddCheck<ZstdHealthCheck>("zstd");
builder.Services.AddSamplePostgres(builder.Configuration);
builder.Services.ConfigureHttpJsonOptions(o => SampleJson.Configure(o.SerializerOptions));
builder.Services.AddSampleEvents(builder.Configuration);
builder.Services.AddSampleApi(builder.Configuration);

var app = builder.Build();

app.UseMiddleware<RequestIdMiddleware>();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseHighPerf();

app.MapRootEndpoints();
app.MapLargeJsonEndpoint();
app.MapEventEndpoints();
app.MapAnalyticsEndpoints();
app.MapCacheDemoEndpoints();
app.MapSqlEndpoint();
app.MapPgCompareEndpoint();
app.MapBenchmarkEndpoint();
app.MapApiEndpoints();

app.Run();
