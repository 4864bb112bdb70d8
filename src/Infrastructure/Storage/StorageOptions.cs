namespace MikroNet.Infrastructure.Storage;

public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Where Data Protection keys and the development signing key live; relative to the repository root.</summary>
    public string DataDirectory { get; set; } = ".data";
}
