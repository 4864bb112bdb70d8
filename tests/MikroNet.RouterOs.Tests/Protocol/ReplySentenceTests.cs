using MikroNet.RouterOs.Protocol;
using Shouldly;

namespace MikroNet.RouterOs.Tests.Protocol;

public class ReplySentenceTests
{
    [Fact]
    public void Parse_ValueWithEquals_SplitsAtFirstEqualsAfterKey()
    {
        var reply = ReplySentence.Parse(["!re", "=.id=*1", "=comment=a=b", "=name=iu=c3Eeg"]);

        reply.Attributes[".id"].ShouldBe("*1");
        reply.Attributes["comment"].ShouldBe("a=b");
        reply.Attributes["name"].ShouldBe("iu=c3Eeg");
    }

    [Fact]
    public void Parse_KeyWithoutValue_GivesEmptyValue()
    {
        var reply = ReplySentence.Parse(["!re", "=tx-byte=123456789", "=only-key", "=comment="]);

        reply.Attributes.Pairs.ShouldBe([new("tx-byte", "123456789"), new("only-key", string.Empty), new("comment", string.Empty)]);
    }

    [Theory]
    [InlineData(".tag=abc123", "=ret=*3")]
    [InlineData("=ret=*3", ".tag=abc123")]
    public void Parse_TagAnywhere_IsFound(string first, string second)
    {
        var reply = ReplySentence.Parse(["!done", first, second]);

        reply.Tag.ShouldBe("abc123");
        reply.Attributes["ret"].ShouldBe("*3");
    }

    [Fact]
    public void Parse_NoTag_GivesNullTag() => ReplySentence.Parse(["!done"]).Tag.ShouldBeNull();

    [Fact]
    public void Parse_DuplicateKeys_KeepsEveryPair()
    {
        var reply = ReplySentence.Parse(["!re", "=address=1", "=address=2"]);

        reply.Attributes.Pairs.Count.ShouldBe(2);
        reply.Attributes["address"].ShouldBe("2");
    }

    [Fact]
    public void Parse_FatalReason_IsBareWord()
    {
        var reply = ReplySentence.Parse(["!fatal", "session terminated on request"]);

        reply.BareWords.ShouldBe(["session terminated on request"]);
        reply.Attributes.Count.ShouldBe(0);
    }
}
