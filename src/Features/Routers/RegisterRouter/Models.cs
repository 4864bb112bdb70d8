using FastEndpoints;
using FluentValidation;

namespace MikroNet.Features.Routers.RegisterRouter;

public sealed class Request
{
    public string? Name { get; set; }
    public string? Host { get; set; }

    /// <summary>Defaults to 8728, or 8729 with TLS.</summary>
    public int? Port { get; set; }
    public bool UseTls { get; set; }
    public string? Username { get; set; }
    public string? Password { get; set; }
    public string? TlsFingerprint { get; set; }
    public string? Encoding { get; set; }
}

public sealed class Validator : Validator<Request>
{
    public Validator()
    {
        RuleFor(r => r.Name).RouterName();
        RuleFor(r => r.Host).RouterHost();
        RuleFor(r => r.Port).RouterPort();
        RuleFor(r => r.Username).RouterUsername().StorableIn(r => r.Encoding, "username");
        RuleFor(r => r.Password).NotNull().RouterPassword().StorableIn(r => r.Encoding, "password");
        RuleFor(r => r.TlsFingerprint).Fingerprint();
        RuleFor(r => r.Encoding).TextEncoding();
    }
}
