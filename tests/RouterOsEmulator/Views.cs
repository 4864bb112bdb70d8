namespace MikroNet.RouterOsEmulator;

public sealed record PppSecretView(string Id, string Name, string Password, string Service, string Profile, string? Comment, bool Disabled);

public sealed record PppProfileView(string Id, string Name, string? RateLimit);

public sealed record PppActiveView(string Id, string Name, string Service, string Address, string CallerId);
