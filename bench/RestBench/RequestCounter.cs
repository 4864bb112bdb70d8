using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MikroNet.RestBench;

/// <summary>
/// Counts, per HTTP request of a host running in this process, the commands Npgsql sends (one round trip each: a batch
/// of statements is one command), whoever sent them (EF Core or SQL of our own), from Npgsql's activities; and the
/// connections EF Core opens (each open is one checkout from the pool), from EF Core's DiagnosticListener. Npgsql
/// reports no event for a checkout, so the SQL answers' own connection (one per request) is not in that count.
/// Listening to ASP.NET Core makes it start an Activity per request, which tells request work from background work.
/// </summary>
internal sealed class RequestCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private const string RequestActivity = "Microsoft.AspNetCore.Hosting.HttpRequestIn";
    private readonly ConcurrentQueue<string> _commands = new();
    private readonly List<IDisposable> _subscriptions = [];
    private readonly ActivityListener _activities;
    private int _checkouts;

    public RequestCounter()
    {
        _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStarted = activity =>
            {
                if (activity.Parent?.OperationName == RequestActivity)
                    _commands.Enqueue(activity.GetTagItem("db.query.text") as string ?? activity.GetTagItem("db.statement") as string ?? activity.DisplayName);
            },
        };
        ActivitySource.AddActivityListener(_activities);
    }

    public (List<string> Commands, int Checkouts) Take()
    {
        var commands = _commands.ToList();
        _commands.Clear();
        return (commands, Interlocked.Exchange(ref _checkouts, 0));
    }

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name is DbLoggerCategory.Name or "Microsoft.AspNetCore") _subscriptions.Add(listener.Subscribe(this));
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RelationalEventId.ConnectionOpening.Name && Activity.Current?.OperationName == RequestActivity)
            Interlocked.Increment(ref _checkouts);
    }

    public void OnCompleted() { }

    public void OnError(Exception error) { }

    public void Dispose()
    {
        _activities.Dispose();
        _subscriptions.ForEach(s => s.Dispose());
    }
}
