namespace MikroNet.Features.Clients.ToggleClient;

public sealed class Request
{
    public int Id { get; set; }
}
