using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MikroNet.RestBench;

/// <summary>
/// Counts, per HTTP request of a host running in this process, the SQL commands EF Core sends and the connections
/// it opens (each open is one checkout from Npgsql's pool), from EF Core's DiagnosticListener. Listening to
/// ASP.NET Core makes it start an Activity per request, which tells request work from background work.
/// </summary>
internal sealed class RequestCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly ConcurrentQueue<string> _commands = new();
    private readonly List<IDisposable> _subscriptions = [];
    private int _opens;

    public RequestCounter() => _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));

    public (List<string> Commands, int Checkouts) Take()
    {
        var commands = _commands.ToList();
        _commands.Clear();
        return (commands, Interlocked.Exchange(ref _opens, 0));
    }

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name is DbLoggerCategory.Name or "Microsoft.AspNetCore") _subscriptions.Add(listener.Subscribe(this));
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (Activity.Current?.OperationName != "Microsoft.AspNetCore.Hosting.HttpRequestIn") return;
        if (value.Key == RelationalEventId.CommandExecuting.Name && value.Value is CommandEventData data)
            _commands.Enqueue(data.Command.CommandText);
        else if (value.Key == RelationalEventId.ConnectionOpening.Name)
            Interlocked.Increment(ref _opens);
    }

    public void OnCompleted() { }

    public void OnError(Exception error) { }

    public void Dispose() => _subscriptions.ForEach(s => s.Dispose());
}
