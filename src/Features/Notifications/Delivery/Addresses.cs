using MimeKit;
using PhoneNumbers;

namespace MikroNet.Features.Notifications.Delivery;

/// <summary>
/// Turns the address a client record holds into one a provider takes, or says why it cannot be used: phones become
/// E.164 (+6281234567890) read in the default region when they carry no country code; e-mail must be one mailbox.
/// </summary>
public static class Addresses
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    public static (string? Address, string? Problem) Phone(string raw, string defaultRegion)
    {
        try
        {
            var number = Phones.Parse(raw, defaultRegion);
            return Phones.IsValidNumber(number)
                ? (Phones.Format(number, PhoneNumberFormat.E164), null)
                : (null, $"Phone number {raw} is not a valid number (region {defaultRegion}).");
        }
        catch (NumberParseException)
        {
            return (null, $"Phone number {raw} cannot be read as a phone number.");
        }
    }

    public static (string? Address, string? Problem) Email(string raw) =>
        MailboxAddress.TryParse(raw, out var mailbox) && mailbox.Address.IndexOf('@') is > 0 and var at
            && at < mailbox.Address.Length - 1 && mailbox.Address.Count(c => c == '@') == 1
            ? (mailbox.Address, null)
            : (null, $"E-mail address {raw} is not a valid mailbox.");
}
