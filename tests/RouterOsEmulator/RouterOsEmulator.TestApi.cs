using System.Globalization;
using System.Text;
using MikroNet.RouterOsEmulator.Menus;
using MikroNet.RouterOsEmulator.State;

namespace MikroNet.RouterOsEmulator;

/// <summary>
/// What tests read and arrange directly, without going through the wire. Text goes in and out through the
/// configured encoding (UTF-8 by default); the <c>byte[]</c> overloads see the stored bytes themselves.
/// </summary>
public sealed partial class RouterOsEmulator
{
    /// <summary>Every sentence received on any connection, login included.</summary>
    public long CommandsReceived => Interlocked.Read(ref _commandsReceived);

    public long ConnectionsAccepted => Interlocked.Read(ref _connectionsAccepted);

    public long CountOf(string command) => _commandCounts.GetValueOrDefault(command);

    public void ResetCounters()
    {
        Interlocked.Exchange(ref _commandsReceived, 0);
        Interlocked.Exchange(ref _connectionsAccepted, 0);
        _commandCounts.Clear();
    }

    public IReadOnlyList<PppSecretView> Secrets => Read(() => _state.Secrets.All.Select(ToSecret).ToList());

    /// <summary>Each secret's name as the bytes the router holds.</summary>
    public IReadOnlyList<byte[]> SecretNameBytes => Read(() => _state.Secrets.All.Select(s => ByteText.BytesOf(s["name"])).ToList());

    public IReadOnlyList<PppProfileView> Profiles => Read(() => _state.Profiles.All.Select(ToProfile).ToList());

    public IReadOnlyList<PppActiveView> ActiveSessions => Read(() => _state.Active.All.Select(ToActive).ToList());

    public string Identity
    {
        get => Read(() => _text.FromWire(_state.Identity));
        set => Read(() => _state.Identity = _text.ToWire(value));
    }

    /// <summary>Null also when the configured encoding cannot hold the name: no such secret can exist.</summary>
    public PppSecretView? FindSecret(string name) => TryToWire(name) is { } wire ? FindWire(wire) : null;

    public PppSecretView? FindSecret(byte[] name) => FindWire(ByteText.Wire.GetString(name));

    private PppSecretView? FindWire(string name) =>
        Read(() => _state.Secrets.FindByName(name) is { } item ? ToSecret(item) : null);

    /// <summary>
    /// Seeds a secret as if an operator had added it on the router; what the router would refuse (an unknown
    /// profile or service, a taken name) throws, so a test cannot build a state no router can be in.
    /// </summary>
    public string AddSecret(string name, string password, string profile = "default", string service = "pppoe", string? comment = null, bool disabled = false) =>
        Read(() =>
        {
            var item = new Dictionary<string, string>
            {
                ["name"] = _text.ToWire(name),
                ["service"] = service,
                ["caller-id"] = string.Empty,
                ["password"] = _text.ToWire(password),
                ["profile"] = _text.ToWire(profile),
                ["disabled"] = disabled ? "true" : "false",
            };
            if (comment is not null)
            {
                item["comment"] = _text.ToWire(comment);
            }

            if (_state.Profiles.FindByName(item["profile"]) is null || !PppMenus.Services.Contains(service))
            {
                throw new InvalidOperationException($"A router refuses profile '{profile}' or service '{service}': add the profile first.");
            }

            if (_state.Secrets.FindByName(item["name"]) is not null)
            {
                throw new InvalidOperationException($"A secret named '{name}' exists already.");
            }

            return _state.Secrets.Add(item);
        });

    public string AddProfile(string name, string? rateLimit = null) =>
        Read(() =>
        {
            var item = new Dictionary<string, string> { ["name"] = _text.ToWire(name), ["only-one"] = "default", ["default"] = "false" };
            if (rateLimit is not null)
            {
                item["rate-limit"] = rateLimit;
            }

            if (_state.Profiles.FindByName(item["name"]) is not null)
            {
                throw new InvalidOperationException($"A profile named '{name}' exists already.");
            }

            return _state.Profiles.Add(item);
        });

    /// <summary>A customer dials in. As on a router, only an existing, enabled secret can connect.</summary>
    /// <returns>The <c>.id</c> of the new <c>/ppp/active</c> entry.</returns>
    public string Connect(string name, string? address = null, string callerId = "00:00:5E:00:53:01") =>
        Read(() =>
        {
            var secret = _state.Secrets.FindByName(_text.ToWire(name)) ?? throw new InvalidOperationException($"No secret named '{name}'.");
            if (secret["disabled"] == "true")
            {
                throw new InvalidOperationException($"Secret '{name}' is disabled.");
            }

            var count = _state.Active.Count + 1;
            var id = _state.Active.Add(new Dictionary<string, string>
            {
                ["name"] = secret["name"],
                ["service"] = secret["service"] == "any" ? "pppoe" : secret["service"],
                ["caller-id"] = callerId,
                ["address"] = address ?? $"10.0.{count / 250 % 256}.{count % 250 + 2}",
                ["encoding"] = string.Empty,
                ["session-id"] = "0x" + (0x81000000 + count).ToString("X", CultureInfo.InvariantCulture),
                ["limit-bytes-in"] = "0",
                ["limit-bytes-out"] = "0",
                ["radius"] = "false",
            });
            _state.ActiveSince[id] = DateTimeOffset.UtcNow;
            return id;
        });

    /// <summary>Test API form of the router losing a session.</summary>
    public bool Disconnect(string name) =>
        Read(() =>
        {
            var sessions = _state.Active.WithName(_text.ToWire(name)).ToList();
            foreach (var session in sessions)
            {
                _state.Active.Remove(session);
                _state.ActiveSince.Remove(session[".id"]);
            }

            return sessions.Count > 0;
        });

    private T Read<T>(Func<T> read)
    {
        lock (_state.Sync)
        {
            return read();
        }
    }

    private string? TryToWire(string text)
    {
        try
        {
            return _text.ToWire(text);
        }
        catch (EncoderFallbackException)
        {
            return null;
        }
    }

    private PppSecretView ToSecret(Dictionary<string, string> item) => new(
        item[".id"],
        _text.FromWire(item["name"]),
        _text.FromWire(item.GetValueOrDefault("password", string.Empty)),
        item.GetValueOrDefault("service", "any"),
        _text.FromWire(item.GetValueOrDefault("profile", "default")),
        item.GetValueOrDefault("comment") is { } comment ? _text.FromWire(comment) : null,
        item.GetValueOrDefault("disabled") == "true");

    private PppProfileView ToProfile(Dictionary<string, string> item) =>
        new(item[".id"], _text.FromWire(item["name"]), item.GetValueOrDefault("rate-limit"));

    private PppActiveView ToActive(Dictionary<string, string> item) =>
        new(item[".id"], _text.FromWire(item["name"]), item["service"], item["address"], item["caller-id"]);
}
