using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MikroNet.GraphBench;

/// <summary>
/// Counts the commands EF Core runs (its DiagnosticListener) while serving an HTTP request, leaving out token checks
/// and anything background services of the host run. Listening to ASP.NET Core makes it start an Activity per request.
/// </summary>
internal sealed class SqlStatementCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly ConcurrentQueue<string> _commands = new();
    private readonly List<IDisposable> _subscriptions = [];

    public SqlStatementCounter() => _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));

    public List<string> Take()
    {
        var all = _commands.Where(c => !c.Contains("user_tokens")).ToList();
        _commands.Clear();
        return all;
    }

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name is DbLoggerCategory.Name or "Microsoft.AspNetCore") _subscriptions.Add(listener.Subscribe(this));
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RelationalEventId.CommandExecuting.Name && value.Value is CommandEventData data
            && Activity.Current?.OperationName == "Microsoft.AspNetCore.Hosting.HttpRequestIn")
            _commands.Enqueue(data.Command.CommandText);
    }

    public void OnCompleted() { }

    public void OnError(Exception error) { }

    public void Dispose() => _subscriptions.ForEach(s => s.Dispose());
}
