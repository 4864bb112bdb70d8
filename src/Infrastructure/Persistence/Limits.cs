namespace MikroNet.Infrastructure.Persistence;

/// <summary>Column lengths shared by the schema and the request validators.</summary>
public static class Limits
{
    public const int DefaultText = 255;
    public const int Name = 100;
    public const int PhoneNumber = 20;
    public const int Address = 255;
    public const int PppSecretName = 64;
    public const int PppPassword = 64;
    public const int Username = 50;
    public const int Host = 255;
    public const int LongText = 4000;
    public const int Email = 254;
    /// <summary>A template's body: room for a long e-mail, not for a book.</summary>
    public const int TemplateBody = 20_000;
}
