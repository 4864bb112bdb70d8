using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace MikroNet.Features.Notifications.Delivery;

/// <summary>
/// Sends a batch of e-mails over one SMTP connection (MailKit). A refusal with a 5xx reply is permanent; 4xx
/// replies, timeouts and lost connections are retried. The password only goes to the server.
/// </summary>
public sealed class EmailSender(IOptions<NotificationOptions> options)
{
    public async Task<IReadOnlyList<SendOutcome>> SendAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken ct)
    {
        var smtp = options.Value.Smtp;
        var outcomes = new List<SendOutcome>(messages.Count);
        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, Security(smtp.Security), ct);
            if (smtp.Username.Length > 0) await client.AuthenticateAsync(smtp.Username, smtp.Password, ct);
        }
        catch (Exception ex) when (ex is IOException or SmtpCommandException or SmtpProtocolException
            or AuthenticationException or System.Net.Sockets.SocketException or TimeoutException or SslHandshakeException)
        {
            // The server as a whole is not taking mail now (down, or the credentials were refused): try again later.
            var retry = new SendOutcome(SendResult.Retry, $"SMTP {smtp.Host}:{smtp.Port}: {ex.Message}");
            return [.. messages.Select(_ => retry)];
        }

        foreach (var message in messages)
        {
            try
            {
                await client.SendAsync(Mime(message, smtp.From), ct);
                outcomes.Add(SendOutcome.Sent);
            }
            catch (SmtpCommandException ex)
            {
                var answer = $"SMTP {(int)ex.StatusCode}: {ex.Message}";
                outcomes.Add(new SendOutcome((int)ex.StatusCode >= 500 ? SendResult.Failed : SendResult.Retry, answer));
                if (!client.IsConnected) break;
            }
            catch (Exception ex) when (ex is IOException or SmtpProtocolException or TimeoutException or ServiceNotConnectedException)
            {
                outcomes.Add(new SendOutcome(SendResult.Retry, $"SMTP: {ex.Message}"));
                break;
            }
        }
        // Messages after a lost connection were not tried: they go again with the next round.
        while (outcomes.Count < messages.Count) outcomes.Add(new SendOutcome(SendResult.Retry, "SMTP connection lost."));
        if (client.IsConnected) await client.DisconnectAsync(quit: true, ct);
        return outcomes;
    }

    private static MimeMessage Mime(OutgoingMessage message, string from)
    {
        var mime = new MimeMessage { Subject = message.Subject ?? "" };
        mime.From.Add(MailboxAddress.Parse(from));
        mime.To.Add(MailboxAddress.Parse(message.To));
        var body = new BodyBuilder { TextBody = message.Body };
        foreach (var a in message.Attachments) body.Attachments.Add(a.FileName, a.Content, new ContentType("application", "pdf"));
        mime.Body = body.ToMessageBody();
        return mime;
    }

    private static SecureSocketOptions Security(string security) => security switch
    {
        "none" => SecureSocketOptions.None,
        "starttls" => SecureSocketOptions.StartTls,
        "ssl" => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };
}
