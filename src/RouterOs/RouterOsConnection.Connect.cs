using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MikroNet.RouterOs.Protocol;

namespace MikroNet.RouterOs;

public sealed partial class RouterOsConnection
{
    /// <summary>Connects, negotiates TLS when asked and logs in, all within <see cref="RouterOsClientOptions.ConnectTimeout"/>.</summary>
    /// <exception cref="RouterOsConnectionException">Unreachable, refused, closed or timed out (<see cref="RouterOsTimeoutException"/>).</exception>
    /// <exception cref="RouterOsLoginException">Credentials rejected.</exception>
    /// <exception cref="RouterOsCertificateException">TLS certificate neither trusted nor matching the pinned fingerprint.</exception>
    public static async Task<RouterOsConnection> ConnectAsync(
        RouterEndpoint endpoint,
        RouterOsClientOptions? options = null,
        ILogger? logger = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        options ??= RouterOsClientOptions.Default;
        logger ??= NullLogger.Instance;
        var encoding = WordEncodings.Resolve(endpoint.Encoding);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.ConnectTimeout);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Stream? stream = null;
        RouterOsConnection? connection = null;
        try
        {
            // Idle API sessions see no traffic; keep-alive lets NAT boxes and the kernel notice a dead peer.
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            await socket.ConnectAsync(endpoint.Host, endpoint.Port, deadline.Token);
            stream = new NetworkStream(socket, ownsSocket: true);
            if (endpoint.UseTls)
            {
                stream = await AuthenticateTlsAsync(stream, endpoint, deadline.Token);
            }

            connection = new RouterOsConnection(endpoint, stream, encoding, options, logger);
            await connection.LoginAsync(deadline.Token);
            connection.StartReading();
            LogConnected(logger, endpoint);
            return connection;
        }
        catch (Exception ex)
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
            else if (stream is not null)
            {
                await stream.DisposeAsync();
            }
            else
            {
                socket.Dispose();
            }

            var translated = ex switch
            {
                OperationCanceledException when !cancellationToken.IsCancellationRequested =>
                    new RouterOsTimeoutException($"Connecting to {endpoint} took longer than {options.ConnectTimeout}."),
                SocketException or IOException =>
                    new RouterOsConnectionException($"Cannot connect to {endpoint}: {ex.Message}", ex),
                RouterOsProtocolException =>
                    new RouterOsConnectionException($"{endpoint} broke the protocol while logging in: {ex.Message}", ex),
                _ => null,
            };
            if (translated is null)
            {
                throw;
            }

            throw translated;
        }
    }

    private static async Task<Stream> AuthenticateTlsAsync(Stream inner, RouterEndpoint endpoint, CancellationToken cancellationToken)
    {
        var rejected = false;
        var ssl = new SslStream(inner, leaveInnerStreamOpen: false, (_, certificate, _, errors) =>
        {
            rejected = !CertificatePinning.IsAccepted(certificate, errors, endpoint.TlsFingerprint);
            return !rejected;
        });
        try
        {
            await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = endpoint.Host }, cancellationToken);
            return ssl;
        }
        catch (AuthenticationException ex) when (rejected)
        {
            await ssl.DisposeAsync();
            throw new RouterOsCertificateException(
                endpoint.TlsFingerprint is null
                    ? $"{endpoint} presented an untrusted certificate and no fingerprint is configured to pin it."
                    : $"{endpoint} presented a certificate whose SHA-256 fingerprint differs from the configured one.",
                ex);
        }
        catch
        {
            await ssl.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Sends the post-6.43 plain login first; a router older than 6.43 ignores the password and answers with a
    /// challenge in <c>=ret=</c>, which gets the MD5 response.
    /// </summary>
    private async Task LoginAsync(CancellationToken cancellationToken)
    {
        var name = "=name=" + Endpoint.Username;
        var done = await LoginExchangeAsync(["/login", name, "=password=" + Endpoint.Password], cancellationToken);
        if (done.Attributes.TryGetValue("ret", out var challenge))
        {
            var response = LoginChallenge.Respond(challenge, Endpoint.Password, _encoding);
            await LoginExchangeAsync(["/login", name, "=response=" + response], cancellationToken);
        }
    }

    private async Task<ReplySentence> LoginExchangeAsync(string[] words, CancellationToken cancellationToken)
    {
        Enqueue(SentenceWriter.Encode(words, _encoding));
        var traps = new List<RouterOsTrap>();
        while (true)
        {
            var sentence = await _reader.ReadSentenceAsync(cancellationToken)
                ?? throw new RouterOsConnectionException($"{Endpoint} closed the connection during login.");
            var reply = ReplySentence.Parse(sentence);
            switch (reply.Type)
            {
                case "!trap":
                    traps.Add(ToTrap(reply));
                    break;
                case "!fatal":
                    throw new RouterOsFatalException(FatalReason(reply));
                case "!done" when traps.Count > 0:
                    throw new RouterOsLoginException($"{Endpoint} refused the login: {traps[0].Message}");
                case "!done":
                    return reply;
            }
        }
    }
}
