namespace MikroNet.RouterOs;

/// <summary>Collects the replies of one tagged command; only the reader loop mutates it.</summary>
internal sealed class PendingCommand(string command)
{
    private readonly TaskCompletionSource<RouterOsReply> _completion =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly List<IReadOnlyDictionary<string, string>> _items = [];
    private readonly List<RouterOsTrap> _traps = [];

    public Task<RouterOsReply> Task => _completion.Task;

    public void AddItem(RouterOsRecord item) => _items.Add(item);

    public void AddTrap(RouterOsTrap trap) => _traps.Add(trap);

    public void Complete(RouterOsRecord done)
    {
        if (_traps.Count > 0)
        {
            _completion.TrySetException(new RouterOsTrapException(command, _traps));
            return;
        }

        _completion.TrySetResult(new RouterOsReply(_items, done.TryGetValue("ret", out var ret) ? ret : null, done));
    }

    public void Fail(Exception reason) => _completion.TrySetException(reason);
}
