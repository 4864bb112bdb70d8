using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace MikroNet.Infrastructure.Security;

/// <summary>The JWT signing key: from configuration, or in Development generated once and kept in the data folder.</summary>
public sealed class SigningKey(SymmetricSecurityKey key)
{
    public SymmetricSecurityKey Key { get; } = key;

    /// <summary>
    /// Why the configured key cannot sign, as one line for the operator; null when it can (or Development will
    /// generate one). Checked before the host starts anything, so a missing key is not a stack trace after a
    /// PostgreSQL cluster was created.
    /// </summary>
    public static string? ConfigurationProblem(string? configured, IHostEnvironment env)
    {
        const string how = "set Auth__SigningKey to base64 of at least 32 random bytes (for example the output of " +
            "`openssl rand -base64 48`), the same on every host";
        if (string.IsNullOrWhiteSpace(configured))
            return env.IsDevelopment() ? null : $"Auth:SigningKey is not set; outside Development it is required: {how}.";
        try
        {
            return Convert.FromBase64String(configured).Length < MinimumBytes
                ? $"Auth:SigningKey is shorter than {MinimumBytes} bytes: {how}."
                : null;
        }
        catch (FormatException)
        {
            return $"Auth:SigningKey is not base64: {how}.";
        }
    }

    public static SigningKey Load(AuthOptions options, IHostEnvironment env, string dataDirectory)
    {
        if (ConfigurationProblem(options.SigningKey, env) is { } problem) throw new InvalidOperationException(problem);
        if (!string.IsNullOrWhiteSpace(options.SigningKey)) return FromBase64(options.SigningKey);

        var file = Path.Combine(dataDirectory, "jwt-signing.key");
        if (!File.Exists(file))
        {
            Directory.CreateDirectory(dataDirectory);
            File.WriteAllText(file, Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)));
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return FromBase64(File.ReadAllText(file).Trim());
    }

    private const int MinimumBytes = 32;

    private static SigningKey FromBase64(string base64) => new(new SymmetricSecurityKey(Convert.FromBase64String(base64)));
}
