using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace MikroNet.Infrastructure.Security;

/// <summary>The JWT signing key: from configuration, or in Development generated once and kept in the data folder.</summary>
public sealed class SigningKey(SymmetricSecurityKey key)
{
    public SymmetricSecurityKey Key { get; } = key;

    public static SigningKey Load(AuthOptions options, IHostEnvironment env, string dataDirectory)
    {
        if (!string.IsNullOrWhiteSpace(options.SigningKey)) return FromBase64(options.SigningKey);
        if (!env.IsDevelopment())
            throw new InvalidOperationException("Auth:SigningKey is required outside Development (base64, at least 32 bytes).");

        var file = Path.Combine(dataDirectory, "jwt-signing.key");
        if (!File.Exists(file))
        {
            Directory.CreateDirectory(dataDirectory);
            File.WriteAllText(file, Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)));
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return FromBase64(File.ReadAllText(file).Trim());
    }

    private static SigningKey FromBase64(string base64)
    {
        var bytes = Convert.FromBase64String(base64);
        if (bytes.Length < 32) throw new InvalidOperationException("Auth:SigningKey must be at least 32 bytes.");
        return new SigningKey(new SymmetricSecurityKey(bytes));
    }
}
