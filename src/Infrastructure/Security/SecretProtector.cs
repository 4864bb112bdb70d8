using Microsoft.AspNetCore.DataProtection;

namespace MikroNet.Infrastructure.Security;

/// <summary>Encrypts router and PPP passwords at rest; they must be readable again to send them to routers.</summary>
public sealed class SecretProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("MikroNet.Secrets.v1");

    public string Protect(string plain) => _protector.Protect(plain);

    public string Unprotect(string cipher) => _protector.Unprotect(cipher);
}
