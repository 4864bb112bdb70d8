namespace MikroNet.RouterOs.Protocol;

/// <summary>
/// The RouterOS API word-length prefix: 1 to 5 bytes, big-endian, with the range marked by the high bits of the first byte.
/// </summary>
public static class LengthCodec
{
    public const int MaxEncodedSize = 5;

    public static int GetEncodedSize(uint length) => length switch
    {
        < 0x80 => 1,
        < 0x4000 => 2,
        < 0x200000 => 3,
        < 0x10000000 => 4,
        _ => 5,
    };

    /// <summary>Writes the minimal form; the router's acceptance of non-minimal forms is undocumented.</summary>
    public static int Encode(uint length, Span<byte> destination)
    {
        var size = GetEncodedSize(length);
        if (destination.Length < size)
        {
            throw new ArgumentException("Destination is too small for the encoded length.", nameof(destination));
        }

        switch (size)
        {
            case 1:
                destination[0] = (byte)length;
                break;
            case 2:
                WriteBigEndian(length | 0x8000, destination[..2]);
                break;
            case 3:
                WriteBigEndian(length | 0xC00000, destination[..3]);
                break;
            case 4:
                WriteBigEndian(length | 0xE0000000, destination[..4]);
                break;
            default:
                destination[0] = 0xF0;
                WriteBigEndian(length, destination[1..5]);
                break;
        }

        return size;
    }

    public static byte[] Encode(uint length)
    {
        var buffer = new byte[GetEncodedSize(length)];
        Encode(length, buffer);
        return buffer;
    }

    /// <summary>How many bytes follow the first one.</summary>
    /// <exception cref="RouterOsProtocolException">For control bytes (0xF8–0xFF) and the contested 35-bit forms (0xF1–0xF7).</exception>
    public static int GetFollowingByteCount(byte first) => first switch
    {
        < 0x80 => 0,
        < 0xC0 => 1,
        < 0xE0 => 2,
        < 0xF0 => 3,
        0xF0 => 4,
        >= 0xF8 => throw new RouterOsProtocolException($"Control byte 0x{first:X2} received where a word length was expected."),
        _ => throw new RouterOsProtocolException($"Unsupported length prefix 0x{first:X2} (lengths above 32 bits)."),
    };

    /// <summary>Decodes a complete prefix; non-minimal forms (e.g. <c>F0 00 00 00 05</c>) are accepted.</summary>
    public static uint Decode(ReadOnlySpan<byte> encoded)
    {
        var following = GetFollowingByteCount(encoded[0]);
        if (encoded.Length != following + 1)
        {
            throw new RouterOsProtocolException($"A length starting with 0x{encoded[0]:X2} takes {following + 1} bytes, got {encoded.Length}.");
        }

        uint value = following switch
        {
            0 => encoded[0],
            1 => encoded[0] & 0x3Fu,
            2 => encoded[0] & 0x1Fu,
            3 => encoded[0] & 0x0Fu,
            _ => 0u,
        };
        foreach (var b in encoded[1..])
        {
            value = (value << 8) | b;
        }

        return value;
    }

    private static void WriteBigEndian(uint value, Span<byte> destination)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)value;
            value >>= 8;
        }
    }
}
