using FastEndpoints;
using FluentValidation;

namespace MikroNet.Features.Routers.UpdateRouter;

/// <summary>Fields left out (null) keep their value; an omitted password keeps the stored one.</summary>
public sealed class Request
{
    public int Id { get; set; }
    public string? Name { get; set; }
    public string? Host { get; set; }
    public int? Port { get; set; }
    public bool? UseTls { get; set; }
    public string? Username { get; set; }
    public string? Password { get; set; }
    public string? TlsFingerprint { get; set; }
    public string? Encoding { get; set; }
}

public sealed class Validator : Validator<Request>
{
    public Validator()
    {
        RuleFor(r => r.Name).RouterName().When(r => r.Name is not null);
        RuleFor(r => r.Host).RouterHost().When(r => r.Host is not null);
        RuleFor(r => r.Port).RouterPort();
        RuleFor(r => r.Username).RouterUsername().When(r => r.Username is not null);
        RuleFor(r => r.Password).RouterPassword();
        RuleFor(r => r.TlsFingerprint).Fingerprint();
        RuleFor(r => r.Encoding).TextEncoding();
    }
}
