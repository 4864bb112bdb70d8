using FluentValidation;
using MikroNet.Infrastructure.Persistence;
using MikroNet.RouterOs.Protocol;

namespace MikroNet.Features.Routers;

/// <summary>Field rules shared by register and update.</summary>
public static class RouterRules
{
    public static IRuleBuilderOptions<T, string?> RouterName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().MaximumLength(Limits.Name);

    public static IRuleBuilderOptions<T, string?> RouterHost<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().MaximumLength(Limits.Host)
            .Must(h => h is null || Uri.CheckHostName(h) != UriHostNameType.Unknown)
            .WithMessage("Host must be a host name or an IP address.");

    public static IRuleBuilderOptions<T, int?> RouterPort<T>(this IRuleBuilder<T, int?> rule) =>
        rule.InclusiveBetween(1, 65535);

    public static IRuleBuilderOptions<T, string?> RouterUsername<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().MaximumLength(Limits.Username);

    public static IRuleBuilderOptions<T, string?> RouterPassword<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(Limits.PppPassword);

    public static IRuleBuilderOptions<T, string?> Fingerprint<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Matches("^([0-9A-Fa-f]{2}:?){32}$").WithMessage("tls_fingerprint must be a SHA-256 fingerprint in hex.");

    public static IRuleBuilderOptions<T, string?> TextEncoding<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(e => e is null || IsKnownEncoding(e)).WithMessage("encoding must be a known text encoding such as utf-8 or windows-1252.");

    /// <summary>
    /// The login name and password travel in the router's encoding too: one it cannot hold could never log in.
    /// An unknown encoding is <see cref="TextEncoding{T}"/>'s error, not this one's.
    /// </summary>
    public static IRuleBuilderOptions<T, string?> StorableIn<T>(this IRuleBuilder<T, string?> rule, Func<T, string?> encoding, string field) =>
        rule.Must((request, text) => text is null || !IsKnownEncoding(encoding(request)) || StorableText.Fits(encoding(request), text))
            .WithMessage(request => $"{field} contains characters the encoding {StorableText.EncodingName(encoding(request))} cannot represent.");

    /// <summary>Exactly the names the RouterOS client resolves (any .NET or code-page name, and <c>latin1</c>).</summary>
    private static bool IsKnownEncoding(string? name)
    {
        try
        {
            WordEncodings.Resolve(name);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
