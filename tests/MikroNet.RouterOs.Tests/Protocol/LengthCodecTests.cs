using MikroNet.RouterOs;
using MikroNet.RouterOs.Protocol;
using Shouldly;

namespace MikroNet.RouterOs.Tests.Protocol;

public class LengthCodecTests
{
    // Every vector of the reference notes §6.1, with the library that published it.
    public static TheoryData<uint, string> Vectors => new()
    {
        { 0x00, "00" },
        { 0x01, "01" },
        { 0x39, "39" },
        { 0x7E, "7E" },
        { 0x7F, "7F" },
        { 0x80, "8080" },
        { 0x81, "8081" },
        { 0x82, "8082" },
        { 0x87, "8087" },
        { 0x100, "8100" },
        { 0x1C42, "9C42" },
        { 0x3FFE, "BFFE" },
        { 0x3FFF, "BFFF" },
        { 0x4000, "C04000" },
        { 0x4001, "C04001" },
        { 0x4321, "C04321" },
        { 0xAD73B, "CAD73B" },
        { 0x1FFFF4, "DFFFF4" },
        { 0x1FFFFE, "DFFFFE" },
        { 0x1FFFFF, "DFFFFF" },
        { 0x200000, "E0200000" },
        { 0x200001, "E0200001" },
        { 0x2ACDEF, "E02ACDEF" },
        { 0x5AD736B, "E5AD736B" },
        { 0xFFFFFF0, "EFFFFFF0" },
        { 0xFFFFFFE, "EFFFFFFE" },
        { 0xFFFFFFF, "EFFFFFFF" },
        { 0x10000000, "F010000000" },
        { 0x10000001, "F010000001" },
        { 0x10000080, "F010000080" },
        { 0xFFFFFFFE, "F0FFFFFFFE" },
        { 0xFFFFFFFF, "F0FFFFFFFF" },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Encode_ReferenceVector_GivesMinimalBytes(uint length, string hex) =>
        Convert.ToHexString(LengthCodec.Encode(length)).ShouldBe(hex);

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Decode_ReferenceVector_GivesLength(uint length, string hex) =>
        LengthCodec.Decode(Convert.FromHexString(hex)).ShouldBe(length);

    [Theory]
    [InlineData("F000000005", 5u)]
    [InlineData("8005", 5u)]
    [InlineData("C00005", 5u)]
    [InlineData("E0000080", 0x80u)]
    public void Decode_NonMinimalForm_IsAccepted(string hex, uint length) =>
        LengthCodec.Decode(Convert.FromHexString(hex)).ShouldBe(length);

    [Theory]
    [InlineData(0xF8)]
    [InlineData(0xFC)]
    [InlineData(0xFF)]
    public void GetFollowingByteCount_ControlByte_IsRejected(byte first) =>
        Should.Throw<RouterOsProtocolException>(() => LengthCodec.GetFollowingByteCount(first));

    [Theory]
    [InlineData(0x78, 0)]
    [InlineData(0xBF, 1)]
    [InlineData(0xDF, 2)]
    [InlineData(0xEF, 3)]
    [InlineData(0xF0, 4)]
    public void GetFollowingByteCount_FirstByte_TellsPrefixSize(byte first, int following) =>
        LengthCodec.GetFollowingByteCount(first).ShouldBe(following);

    [Fact]
    public void Decode_ThirtyFiveBitForm_IsRejectedWithoutCrashing() =>
        Should.Throw<RouterOsProtocolException>(() => LengthCodec.Decode(Convert.FromHexString("F100000000")));
}
