using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MikroNet.RouterOs.Protocol;

/// <summary>The pre-6.43 MD5 challenge login: response = "00" + hex(md5(0x00 ‖ password ‖ challenge bytes)).</summary>
public static class LoginChallenge
{
    /// <exception cref="RouterOsLoginException">The challenge is not hex.</exception>
    public static string Respond(string challengeHex, string password, Encoding encoding)
    {
        byte[] challenge;
        try
        {
            challenge = Convert.FromHexString(challengeHex);
        }
        catch (FormatException)
        {
            throw new RouterOsLoginException("Router sent a login challenge that is not hex.");
        }

        var passwordBytes = encoding.GetBytes(password);
        var input = new byte[1 + passwordBytes.Length + challenge.Length];
        passwordBytes.CopyTo(input, 1);
        challenge.CopyTo(input, 1 + passwordBytes.Length);
        return "00" + Convert.ToHexString(MD5.HashData(input)).ToLower(CultureInfo.InvariantCulture);
    }
}
