using System.ComponentModel.DataAnnotations;
using MikroNet.Features.Documents;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;

namespace MikroNet.Features.Notifications;

/// <summary>The Notifications section: what is sent, on which channels, when, and through which providers.</summary>
public sealed class NotificationOptions : IValidatableObject
{
    public const string Section = "Notifications";

    /// <summary>Run the delivery loop in this host (off in the CLI and most tests).</summary>
    public bool WorkerEnabled { get; set; } = true;
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    [Range(1, 1000)]
    public int BatchSize { get; set; } = 100;
    public TimeSpan BaseBackoff { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Days before a due date a reminder goes out; null = [3, 1]. (Arrays: the binder would append to a default.)</summary>
    public int[]? ReminderDaysBeforeDue { get; set; }

    /// <summary>Channels of a client who chose none, in order; null = [whatsapp, email].</summary>
    public string[]? DefaultChannels { get; set; }

    /// <summary>Template language of every message (id or en).</summary>
    public string Language { get; set; } = "id";

    /// <summary>How money and dates are written in messages; one of <see cref="DocumentCulture.Supported"/>.</summary>
    public string Culture { get; set; } = "id-ID";

    /// <summary>Region a phone number without a country code belongs to (ISO 3166 code).</summary>
    public string DefaultRegion { get; set; } = "ID";

    /// <summary>HH:mm-HH:mm in the provider's time zone, when WhatsApp and SMS wait; empty = none.</summary>
    public string QuietHours { get; set; } = "21:00-08:00";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>HTTP gateways by name; each serves one channel (whatsapp or sms).</summary>
    public Dictionary<string, HttpProviderOptions> Providers { get; set; } = [];

    public static readonly string[] Languages = ["id", "en"];

    public IReadOnlyList<int> ReminderDays => ReminderDaysBeforeDue ?? [3, 1];

    public IReadOnlyList<string> ClientDefaultChannels => DefaultChannels ?? ["whatsapp", "email"];

    /// <summary>The channels something can be sent on: email with an SMTP host, the others with a provider.</summary>
    public IReadOnlyList<string> EnabledChannels =>
    [
        .. Channels.All.Where(c => c == Channels.Email ? Smtp.Host.Length > 0 : Providers.Values.Any(p => p.Channel == c)),
    ];

    public (string Name, HttpProviderOptions Options)? ProviderFor(NotificationChannel channel) =>
        Providers.Where(p => p.Value.Channel == Channels.Name(channel)).Select(p => (p.Key, p.Value))
            .Cast<(string, HttpProviderOptions)?>().FirstOrDefault();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ReminderDays.Any(d => d is < 0 or > 60))
            yield return new ValidationResult("Reminder days must be between 0 and 60.", [nameof(ReminderDaysBeforeDue)]);
        if (ClientDefaultChannels.Any(c => !Channels.All.Contains(c)))
            yield return new ValidationResult($"Channels are {string.Join(", ", Channels.All)}.", [nameof(DefaultChannels)]);
        if (!Languages.Contains(Language))
            yield return new ValidationResult($"Language must be one of {string.Join(", ", Languages)}.", [nameof(Language)]);
        if (!DocumentCulture.Supported.ContainsKey(Culture))
            yield return new ValidationResult(
                $"Culture must be one of {string.Join(", ", DocumentCulture.Supported.Keys)}.", [nameof(Culture)]);
        if (!PhoneNumbers.PhoneNumberUtil.GetInstance().GetSupportedRegions().Contains(DefaultRegion))
            yield return new ValidationResult($"'{DefaultRegion}' is not a phone region (for example ID).", [nameof(DefaultRegion)]);
        if (Delivery.QuietHours.Parse(QuietHours) is null)
            yield return new ValidationResult("Quiet hours are HH:mm-HH:mm, or empty.", [nameof(QuietHours)]);
        foreach (var (name, provider) in Providers)
        {
            if (!Channels.All.Contains(provider.Channel) || provider.Channel == Channels.Email)
                yield return new ValidationResult($"Provider {name}: Channel must be whatsapp or sms.", [nameof(Providers)]);
            if (!Uri.TryCreate(provider.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
                yield return new ValidationResult($"Provider {name}: Url must be an absolute http(s) URL.", [nameof(Providers)]);
            if (provider.PerMinute < 1)
                yield return new ValidationResult($"Provider {name}: PerMinute must be at least 1.", [nameof(Providers)]);
        }
        foreach (var channel in Providers.Values.GroupBy(p => p.Channel).Where(g => g.Count() > 1))
            yield return new ValidationResult($"Only one provider may serve {channel.Key}.", [nameof(Providers)]);
    }
}

public sealed class SmtpOptions
{
    /// <summary>Empty: no e-mail is sent.</summary>
    public string Host { get; set; } = "";
    public int Port { get; set; } = 587;
    public string Username { get; set; } = "";
    public string Password { get; set; } = "";
    public string From { get; set; } = "";

    /// <summary>auto, none, starttls or ssl (TLS from the first byte, usually port 465).</summary>
    public string Security { get; set; } = "auto";
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>An HTTP gateway: the request to make for one message and which answers mean it was accepted.</summary>
public sealed class HttpProviderOptions
{
    /// <summary>whatsapp or sms.</summary>
    public string Channel { get; set; } = "";
    public string Url { get; set; } = "";
    public string Method { get; set; } = "POST";

    /// <summary>Sent as they are; a token belongs here (never logged, never answered).</summary>
    public Dictionary<string, string> Headers { get; set; } = [];
    public string ContentType { get; set; } = "application/json";

    /// <summary>
    /// A Liquid template of the request body: <c>to</c> (E.164, +62…), <c>to_digits</c> (62…), <c>message</c>,
    /// <c>subject</c>; the <c>json</c> filter writes a JSON string, <c>url_encode</c> a form value.
    /// </summary>
    public string Body { get; set; } = """{"to":{{ to | json }},"message":{{ message | json }}}""";

    /// <summary>Status codes that mean accepted; null = any 2xx.</summary>
    public int[]? SuccessStatusCodes { get; set; }

    /// <summary>A top-level property of the JSON answer that must equal <see cref="SuccessJsonValue"/> (e.g. status = true).</summary>
    public string? SuccessJsonProperty { get; set; }
    public string? SuccessJsonValue { get; set; }

    /// <summary>Messages per minute this gateway takes from us.</summary>
    public int PerMinute { get; set; } = 60;
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);
}

/// <summary>Channel names as stored and answered.</summary>
public static class Channels
{
    public const string Email = "email";
    public static readonly string[] All = [.. Enum.GetValues<NotificationChannel>().Select(Name)];

    public static string Name(NotificationChannel channel) => SnakeCaseEnums.ToSnakeCase(channel);

    public static NotificationChannel Parse(string name) =>
        Enum.GetValues<NotificationChannel>().Single(c => Name(c) == name);
}
