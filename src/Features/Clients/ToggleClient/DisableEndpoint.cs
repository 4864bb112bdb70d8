using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using NodaTime;

namespace MikroNet.Features.Clients.ToggleClient;

public sealed class DisableEndpoint(MikroNetDb db, IClock clock) : ToggleEndpoint(db, clock, ClientStatus.Disabled)
{
    public override void Configure()
    {
        Post("/client/{id:int}/disable");
        Summary(s => s.Summary = "Disable a client's PPP secret and end its live session (the seed's route)");
    }
}
