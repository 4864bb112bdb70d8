using System.Text.RegularExpressions;
using FluentValidation;
using MikroNet.Infrastructure.Persistence;

namespace MikroNet.Features.Clients;

/// <summary>Field rules shared by register and update.</summary>
public static partial class ClientRules
{
    public static IRuleBuilderOptions<T, string?> ClientName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().MaximumLength(Limits.Name);

    public static IRuleBuilderOptions<T, string?> PhoneNumber<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().Must(p => p is null || PhonePattern().IsMatch(NormalizePhone(p)))
            .WithMessage("Phone number must be 6 to 15 digits, optionally starting with +; spaces and dashes are ignored.");

    public static IRuleBuilderOptions<T, string?> Address<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().MaximumLength(Limits.Address);

    /// <summary>RouterOS accepts almost anything, but whitespace and control characters break PPPoE logins.</summary>
    public static IRuleBuilderOptions<T, string?> PppSecretName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().MaximumLength(Limits.PppSecretName)
            .Must(n => n is null || !n.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            .WithMessage("PPP secret name must not contain whitespace or control characters.")
            .Must(n => n is null || !n.Contains('\uFFFD'))
            .WithMessage("PPP secret name must not contain U+FFFD: it stands for bytes a router's encoding cannot decode, "
                + "so such a name cannot be told apart from a different one on the router.");

    public static IRuleBuilderOptions<T, string?> PppPassword<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().MaximumLength(Limits.PppPassword)
            .Must(p => p is null || !p.Any(char.IsControl))
            .WithMessage("PPP password must not contain control characters.");

    public static string NormalizePhone(string phone) => phone.Replace(" ", "").Replace("-", "");

    /// <summary>Optional; one mailbox (name@domain) that the e-mail channel can deliver to.</summary>
    public static IRuleBuilderOptions<T, string?> Email<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(Limits.Email)
            .Must(e => e is null || Notifications.Delivery.Addresses.Email(e.Trim()).Address is not null)
            .WithMessage("Email must be one address such as name@example.com.");

    /// <summary>Known channels, each once.</summary>
    public static IRuleBuilderOptions<T, List<string>?> NotificationChannels<T>(this IRuleBuilder<T, List<string>?> rule) =>
        rule.Must(l => l is null || (l.All(c => Notifications.Channels.All.Contains(c)) && l.Distinct().Count() == l.Count))
            .WithMessage($"Notification channels are a list of distinct values among {string.Join(", ", Notifications.Channels.All)}.");

    public static string? NormalizeEmail(string? email) => string.IsNullOrWhiteSpace(email) ? null : email.Trim();

    [GeneratedRegex(@"^\+?[0-9]{6,15}$")]
    private static partial Regex PhonePattern();
}
