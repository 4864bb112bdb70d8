using System.Text;

namespace MikroNet.RouterOs.Protocol;

/// <summary>
/// RouterOS stores bytes and defines no charset: Winbox writes in the admin PC's code page, so some routers need one.
/// </summary>
public static class WordEncodings
{
    private static readonly Lazy<bool> CodePagesRegistered = new(() =>
    {
        System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return true;
    });

    public static Encoding Resolve(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        }

        if (name.Equals("latin1", StringComparison.OrdinalIgnoreCase))
        {
            return System.Text.Encoding.Latin1;
        }

        _ = CodePagesRegistered.Value;
        try
        {
            return System.Text.Encoding.GetEncoding(name);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"Unknown RouterOS word encoding '{name}'.", nameof(name), ex);
        }
    }
}
