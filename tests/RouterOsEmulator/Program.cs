using System.Globalization;
using System.Net.Sockets;
using MikroNet.RouterOsEmulator;

// Standalone: dotnet run --project tests/RouterOsEmulator -- --port 8728 --user admin --password secret [--tls] [--no-empty] [--legacy-login]
var options = new EmulatorOptions { Port = 8728 };
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--port":
            options.Port = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--user":
            options.Username = args[++i];
            break;
        case "--password":
            options.Password = args[++i];
            break;
        case "--encoding":
            options.Encoding = args[++i];
            break;
        case "--tls":
            options.Tls = true;
            break;
        case "--no-empty":
            options.EmptyReply = false;
            break;
        case "--legacy-login":
            options.LegacyLogin = true;
            break;
        default:
            await Console.Error.WriteLineAsync(
                $"Unknown argument {args[i]}. Usage: --port N --user NAME --password PASS [--encoding NAME] [--tls] [--no-empty] [--legacy-login]");
            return 2;
    }
}

RouterOsEmulator emulator;
try
{
    emulator = await RouterOsEmulator.StartAsync(options);
}
catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
{
    await Console.Error.WriteLineAsync($"Port {options.Port} is already in use; pick another with --port N.");
    return 1;
}
await using var running = emulator;
Console.WriteLine($"RouterOS emulator listening on {options.Address}:{emulator.Port} as {options.Username}"
    + (options.Tls ? $" (TLS, SHA-256 {emulator.CertificateFingerprint})" : string.Empty)
    + (options.EmptyReply ? string.Empty : ", without !empty")
    + (options.LegacyLogin ? ", legacy MD5 login" : string.Empty));
Console.WriteLine("Press Ctrl+C to stop.");

var stop = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.TrySetResult();
};
await stop.Task;
return 0;
