using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MikroNet.Infrastructure.Persistence.Notifications;

/// <summary>
/// One LISTEN connection per host for every <see cref="IDatabaseListener"/>. When the connection breaks, every
/// listener is told (so it can fall back to asking the database), and after reconnecting each catches up.
/// </summary>
public sealed partial class DatabaseNotifications(
    string connectionString, IEnumerable<IDatabaseListener> listeners, ILogger<DatabaseNotifications> logger) : BackgroundService
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);
    private readonly IDatabaseListener[] _listeners = [.. listeners];
    private readonly Dictionary<string, IDatabaseListener> _byChannel =
        listeners.SelectMany(l => l.Channels.Select(c => (Channel: c, Listener: l))).ToDictionary(x => x.Channel, x => x.Listener);
    private bool _down;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_byChannel.Count == 0) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                foreach (var listener in _listeners) listener.Lost();
                // One warning per outage, not one per retry.
                if (!_down) LogLost(logger, ex);
                _down = true;
                try
                {
                    await Task.Delay(RetryAfter, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task ListenAsync(CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(PostgresConnection.ForListening(connectionString));
        connection.Notification += (_, e) =>
        {
            if (_byChannel.TryGetValue(e.Channel, out var listener)) listener.Notified(e.Channel, e.Payload);
        };
        await connection.OpenAsync(ct);
        await using (var listen = new NpgsqlCommand(string.Concat(_byChannel.Keys.Select(c => $"LISTEN \"{c}\";")), connection))
            await listen.ExecuteNonQueryAsync(ct);
        foreach (var listener in _listeners) await listener.ListeningAsync(ct);
        if (_down) LogListening(logger);
        _down = false;
        while (true) await connection.WaitAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No LISTEN connection to PostgreSQL; retrying every second, asking the database meanwhile")]
    private static partial void LogLost(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening to PostgreSQL again")]
    private static partial void LogListening(ILogger logger);
}
